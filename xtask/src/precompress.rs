//! Precompressed copies of the built app, and the bundle figure they give.
//!
//! Beside each text or wasm file of `dist/`, `name.gz` (Zopfli) and `name.br` (Brotli, quality
//! 11). The server sends them as they are to browsers that accept them, so the best compression
//! is paid for once per build instead of the fast one on every request. Zopfli writes ordinary
//! gzip, a few percent smaller than `gzip -9`; the bundle budget is counted in gzip, as served.

use std::fmt;
use std::fs;
use std::path::Path;

use anyhow::Context;

/// The budget for the whole finished app, in gzip bytes as served.
pub const BUDGET_BYTES: u64 = 300 * 1024;

/// Extensions worth compressing: everything Trunk writes except images that are compressed.
const COMPRESSIBLE: &[&str] = &["html", "js", "wasm", "css", "svg", "json", "txt"];

/// Brotli's densest setting: slow, but paid once per build.
const BROTLI_QUALITY: i32 = 11;

/// What one file of the built app weighs, raw and as each encoding serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSizes {
    /// The file's name inside the app folder.
    pub name: String,
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes sent to a browser that accepts gzip.
    pub gzip: u64,
    /// Bytes sent to a browser that accepts Brotli.
    pub brotli: u64,
}

/// Writes `.gz` and `.br` copies beside every compressible file in `dir` and its folders, and
/// returns the sizes of every file, named by their path inside `dir` and sorted by it.
///
/// A copy that would not be smaller than its file is not written, nor is one of a file that is
/// not text or wasm: the server then sends the file itself, and its raw size is what counts.
pub fn precompress(dir: &Path) -> anyhow::Result<Vec<FileSizes>> {
    let mut sizes = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let entries =
            fs::read_dir(&folder).with_context(|| format!("cannot list {}", folder.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Some(file) = weigh(dir, &path)? {
                sizes.push(file);
            }
        }
    }
    sizes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sizes)
}

/// Compresses one file of the app if it is worth it; `None` for the copies themselves.
fn weigh(dir: &Path, path: &Path) -> anyhow::Result<Option<FileSizes>> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if ["gz", "br"].contains(&extension) {
        return Ok(None);
    }
    let raw = fs::metadata(path)?.len();
    let (gzip, brotli) = if COMPRESSIBLE.contains(&extension) {
        let content = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        (
            write_if_smaller(path, "gz", raw, &gzip(&content)?)?,
            write_if_smaller(path, "br", raw, &brotli(&content)?)?,
        )
    } else {
        (raw, raw)
    };
    let name = path.strip_prefix(dir).unwrap_or(path);
    Ok(Some(FileSizes {
        name: name.to_string_lossy().into_owned(),
        raw,
        gzip,
        brotli,
    }))
}

fn gzip(content: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        content,
        &mut out,
    )
    .context("zopfli failed")?;
    Ok(out)
}

fn brotli(content: &[u8]) -> anyhow::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &content[..], &mut out, &params).context("brotli failed")?;
    Ok(out)
}

/// Writes `compressed` to `path` + `.suffix` if it is smaller than the file's `raw` size, and
/// returns the size the server will send: the copy's, or else the file's, after removing any
/// copy an earlier build left.
fn write_if_smaller(path: &Path, suffix: &str, raw: u64, compressed: &[u8]) -> anyhow::Result<u64> {
    let mut target = path.as_os_str().to_owned();
    target.push(".");
    target.push(suffix);
    if compressed.len() as u64 >= raw {
        return match fs::remove_file(&target) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(error).with_context(|| format!("cannot remove {target:?}"))
            }
            _ => Ok(raw),
        };
    }
    fs::write(&target, compressed).with_context(|| format!("cannot write {target:?}"))?;
    Ok(compressed.len() as u64)
}

/// The bundle report printed after each build: one line per file, then the totals against the
/// budget.
pub struct Report<'a>(pub &'a [FileSizes]);

impl Report<'_> {
    fn total(&self, size: impl Fn(&FileSizes) -> u64) -> u64 {
        self.0.iter().map(size).sum()
    }

    /// Why the bundle breaks its budget, if it does: the test command fails on it, so that a
    /// change that outgrows the budget is seen when it is made.
    pub fn over_budget(&self) -> Option<String> {
        let gzip = self.total(|s| s.gzip);
        (gzip > BUDGET_BYTES).then(|| {
            format!(
                "the app is {:.1} KiB gzip as served, over its {} KiB budget",
                kib(gzip),
                BUDGET_BYTES / 1024
            )
        })
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        row(f, [&"file", &"raw", &"gzip", &"brotli"])?;
        for file in self.0 {
            row(f, [&file.name, &file.raw, &file.gzip, &file.brotli])?;
        }
        let gzip = self.total(|s| s.gzip);
        let (raw, brotli) = (self.total(|s| s.raw), self.total(|s| s.brotli));
        row(f, [&"total", &raw, &gzip, &brotli])?;
        write!(
            f,
            "bundle: {:.1} KiB gzip as served ({:.1} KiB Brotli); budget {} KiB gzip for the whole app",
            kib(gzip),
            kib(brotli),
            BUDGET_BYTES / 1024
        )
    }
}

/// One line of the report's table: a name, then three right-aligned columns.
fn row(
    f: &mut fmt::Formatter<'_>,
    [name, raw, gzip, brotli]: [&dyn fmt::Display; 4],
) -> fmt::Result {
    writeln!(f, "{name:<40} {raw:>9} {gzip:>9} {brotli:>9}")
}

fn kib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn copies_decompress_to_the_original_and_are_smaller() {
        let dir = tempfile::tempdir().expect("temp dir");
        let script = "export function greet(name) { return `Hello, ${name}`; }\n".repeat(100);
        fs::write(dir.path().join("app.js"), &script).expect("write");

        let sizes = precompress(dir.path()).expect("precompress");

        let gz = fs::read(dir.path().join("app.js.gz")).expect("gz written");
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut unzipped)
            .expect("valid gzip");
        assert_eq!(unzipped, script);

        let br = fs::read(dir.path().join("app.js.br")).expect("br written");
        let mut unbrotlied = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut unbrotlied)
            .expect("valid brotli");
        assert_eq!(unbrotlied, script);

        assert_eq!(
            sizes,
            [FileSizes {
                name: "app.js".to_owned(),
                raw: script.len() as u64,
                gzip: gz.len() as u64,
                brotli: br.len() as u64,
            }]
        );
        assert!(gz.len() < script.len() / 10 && br.len() < script.len() / 10);
    }

    #[test]
    fn files_in_folders_count_and_get_their_copies() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("assets")).expect("folder");
        let logo = "<svg><path d=\"M0 0h10v10H0z\"/></svg>".repeat(20);
        fs::write(dir.path().join("assets/logo.svg"), &logo).expect("write");

        let sizes = precompress(dir.path()).expect("precompress");

        assert!(dir.path().join("assets/logo.svg.gz").is_file());
        assert!(dir.path().join("assets/logo.svg.br").is_file());
        assert_eq!(sizes.len(), 1);
        assert_eq!(sizes[0].name, "assets/logo.svg");
        assert_eq!(sizes[0].raw, logo.len() as u64);
        assert!(sizes[0].gzip < sizes[0].raw);
    }

    #[test]
    fn leaves_what_would_not_shrink_and_what_is_not_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("tiny.css"), "a{}").expect("write");
        fs::write(dir.path().join("photo.png"), [0u8; 4096]).expect("write");

        let sizes = precompress(dir.path()).expect("precompress");

        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no copy written: {names:?}");
        assert_eq!(
            sizes,
            [
                FileSizes {
                    name: "photo.png".to_owned(),
                    raw: 4096,
                    gzip: 4096,
                    brotli: 4096,
                },
                FileSizes {
                    name: "tiny.css".to_owned(),
                    raw: 3,
                    gzip: 3,
                    brotli: 3,
                },
            ]
        );
    }

    #[test]
    fn a_second_run_replaces_the_copies_of_the_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("index.html");
        fs::write(&page, "<p>first</p>".repeat(50)).expect("write");
        precompress(dir.path()).expect("first run");
        fs::write(&page, "<b>").expect("rewrite");

        let sizes = precompress(dir.path()).expect("second run");

        assert!(!dir.path().join("index.html.gz").exists());
        assert!(!dir.path().join("index.html.br").exists());
        assert_eq!(sizes.len(), 1, "copies are not listed as files: {sizes:?}");
    }

    #[test]
    fn report_totals_each_column_and_states_the_budget() {
        let files = [
            FileSizes {
                name: "a.wasm".to_owned(),
                raw: 1000,
                gzip: 400,
                brotli: 300,
            },
            FileSizes {
                name: "b.js".to_owned(),
                raw: 100,
                gzip: 40,
                brotli: 30,
            },
        ];
        let report = Report(&files).to_string();
        assert_eq!(
            report.lines().nth(1),
            Some(format!("{:<40} {:>9} {:>9} {:>9}", "a.wasm", 1000, 400, 300).as_str()),
            "columns stay aligned"
        );
        let total = report.lines().nth(3).expect("total line");
        assert_eq!(
            total.split_whitespace().collect::<Vec<_>>(),
            ["total", "1100", "440", "330"]
        );
        assert!(report.ends_with(
            "bundle: 0.4 KiB gzip as served (0.3 KiB Brotli); budget 300 KiB gzip for the whole app"
        ));
        assert_eq!(Report(&files).over_budget(), None);
    }

    #[test]
    fn one_byte_over_the_budget_is_over() {
        let weighing = |gzip| {
            [FileSizes {
                name: "app.wasm".to_owned(),
                raw: 3 * BUDGET_BYTES,
                gzip,
                brotli: gzip,
            }]
        };
        assert_eq!(Report(&weighing(BUDGET_BYTES)).over_budget(), None);
        assert_eq!(
            Report(&weighing(BUDGET_BYTES + 1)).over_budget().as_deref(),
            Some("the app is 300.0 KiB gzip as served, over its 300 KiB budget")
        );
    }
}
