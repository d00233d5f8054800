//! Paths of the workspace and the commands that build its parts.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

use crate::layout;
use crate::precompress::{self, FileSizes};
use crate::process::run_checked;

/// The cargo profile native servers are built with (see the workspace `Cargo.toml`).
const SERVER_PROFILE: &str = "server";

/// Paths of the built native servers.
pub struct Servers {
    /// The CORS proxy, which also serves the app.
    pub proxy: PathBuf,
    /// The OVH API sandbox.
    pub sandbox: PathBuf,
}

/// The Mailshift workspace this xtask belongs to.
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// Finds the workspace root: the parent of this crate's folder.
    pub fn locate() -> anyhow::Result<Self> {
        let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .parent()
            .context("xtask is not inside the workspace")?
            .to_owned();
        Ok(Self { root })
    }

    /// The workspace root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The npm project holding wasm-opt (binaryen), terser and Playwright.
    pub fn npm_dir(&self) -> PathBuf {
        self.root.join("end2end")
    }

    /// Where Trunk writes the built app.
    pub fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// Cargo's target folder.
    pub fn target_dir(&self) -> PathBuf {
        env::var_os("CARGO_TARGET_DIR").map_or_else(|| self.root.join("target"), PathBuf::from)
    }

    /// `PATH` with cargo-installed tools and the npm tools in front, so every child finds the
    /// exact versions `tools` installed.
    pub fn tool_path(&self) -> anyhow::Result<OsString> {
        let mut dirs = vec![
            crate::tools::cargo_bin_dir(),
            self.npm_dir().join("node_modules").join(".bin"),
        ];
        dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        env::join_paths(dirs).context("PATH holds a folder name that cannot be joined")
    }

    /// A command run from the workspace root with the tool `PATH`.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root);
        if let Ok(path) = self.tool_path() {
            command.env("PATH", path);
        }
        command
    }

    /// Builds the release web app into `dist/`, lays its wasm out for the compressor, writes
    /// its precompressed copies, prints the bundle's size against its budget and returns each
    /// file's sizes.
    pub fn build_app(&self) -> anyhow::Result<Vec<FileSizes>> {
        // Trunk runs cargo with `--offline` (Trunk.toml), so every crate must be here first.
        run_checked(self.command("cargo").args(["fetch", "--locked"]))?;
        eprintln!("xtask: building the release web app (trunk build --release)");
        run_checked(self.command("trunk").args(["build", "--release"]))?;
        let started = Instant::now();
        let wasm = self.app_wasm()?;
        let functions = layout::lay_out(self, &wasm)?;
        eprintln!(
            "xtask: laid out the wasm's {functions} functions for the compressor in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let started = Instant::now();
        let sizes = precompress::precompress(&self.dist_dir())?;
        eprintln!(
            "xtask: compressed the app (Zopfli gzip, Brotli) in {:.1} s\n{}",
            started.elapsed().as_secs_f64(),
            precompress::Report(&sizes)
        );
        Ok(sizes)
    }

    /// The app's wasm in `dist/`: Trunk writes exactly one.
    fn app_wasm(&self) -> anyhow::Result<PathBuf> {
        let dist = self.dist_dir();
        let mut found = Vec::new();
        for entry in
            fs::read_dir(&dist).with_context(|| format!("cannot list {}", dist.display()))?
        {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "wasm") {
                found.push(path);
            }
        }
        match <[PathBuf; 1]>::try_from(found) {
            Ok([wasm]) => Ok(wasm),
            Err(found) => bail!(
                "{} holds {} wasm files, not one",
                dist.display(),
                found.len()
            ),
        }
    }

    /// Builds the native servers (the proxy and the sandbox) and returns their paths.
    pub fn build_servers(&self) -> anyhow::Result<Servers> {
        eprintln!("xtask: building the proxy and the sandbox (profile {SERVER_PROFILE})");
        run_checked(self.command("cargo").args([
            "build",
            "--profile",
            SERVER_PROFILE,
            "--package",
            "mailshift-proxy",
            "--package",
            "mailshift-sandbox",
        ]))?;
        let binary = |name: &str| {
            let path = self
                .target_dir()
                .join(SERVER_PROFILE)
                .join(format!("{name}{}", env::consts::EXE_SUFFIX));
            if path.is_file() {
                Ok(path)
            } else {
                bail!("{name} was built but {} is missing", path.display())
            }
        };
        Ok(Servers {
            proxy: binary("mailshift-proxy")?,
            sandbox: binary("mailshift-sandbox")?,
        })
    }
}
