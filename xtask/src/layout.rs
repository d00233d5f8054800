//! The web bundle's functions laid out for the compressor.
//!
//! Deflate, which gzip is, only finds a repeat within the last 32 KiB it wrote. Generic code
//! leaves many near-copies of one function in the wasm (one per type it was made for), and the
//! order rustc and wasm-opt leave them in has nothing to do with their likeness, so most copies
//! sit too far apart to be found. This step puts each function next to the ones most like it,
//! then lets wasm-opt move the code: what the code does is unchanged, only where each function
//! sits (the README gives what it saves).
//!
//! Likeness is estimated, not computed: each function gets a MinHash sketch of the 4-byte
//! windows of its body, and two sketches agree in about as many places as the two sets of
//! windows share. The order is greedy, from the largest function, each time taking the function
//! most like the last ones taken.

use std::fs;
use std::path::Path;

use anyhow::{Context, bail};
use wasm_encoder::{NameMap, NameSection, Section};
use wasmparser::{Parser, Payload, TypeRef};

use crate::process::run_checked;
use crate::workspace::Workspace;

/// How many hash functions a sketch holds: more finds better neighbours, in more time.
const SKETCH_LEN: usize = 512;

/// The bytes compared: deflate's shortest repeat is 3 bytes, and 4 fit a `u32`.
const WINDOW: usize = 4;

/// How much of a candidate's likeness to the functions taken before the last one still counts
/// at each step: deflate's window holds a few dozen functions, not only the last one.
const MEMORY: f32 = 0.8;

/// Reorders the functions of the wasm file at `path` in place, with the wasm-opt that
/// `tools` installed; returns how many functions it laid out.
pub fn lay_out(workspace: &Workspace, path: &Path) -> anyhow::Result<usize> {
    let module = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let code = Code::of(&module)?;
    let order = order(&code.bodies);
    let named = path.with_extension("named.wasm");
    fs::write(&named, with_ranks_as_names(&module, code.imported, &order))
        .with_context(|| format!("cannot write {}", named.display()))?;
    // The features come from the target-features section, which is then dropped. Binaryen
    // optimises the stack form it writes (fewer locals) only when told optimisation levels.
    let result = run_checked(
        workspace
            .command("wasm-opt")
            .args(["--optimize-level=2", "--shrink-level=2"])
            .args(["--generate-stack-ir", "--optimize-stack-ir"])
            .arg("--reorder-functions-by-name")
            .arg("--strip-target-features")
            .arg(&named)
            .arg("-o")
            .arg(path),
    );
    fs::remove_file(&named).with_context(|| format!("cannot remove {}", named.display()))?;
    result?;
    Ok(order.len())
}

/// The functions a module defines.
struct Code<'a> {
    /// How many functions it imports: the defined ones are numbered after them.
    imported: u32,
    /// The body of each defined function, in module order.
    bodies: Vec<&'a [u8]>,
}

impl<'a> Code<'a> {
    fn of(module: &'a [u8]) -> anyhow::Result<Self> {
        let mut imported = 0;
        let mut bodies = Vec::new();
        for payload in Parser::new(0).parse_all(module) {
            match payload? {
                Payload::ImportSection(imports) => {
                    for import in imports.into_imports() {
                        if matches!(import?.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)) {
                            imported += 1;
                        }
                    }
                }
                Payload::CodeSectionEntry(body) => bodies.push(body.as_bytes()),
                // The ranks become the names, so names of its own would be two name sections.
                Payload::CustomSection(custom) if custom.name() == "name" => {
                    bail!("the wasm module already names its functions (wasm-opt given -g?)")
                }
                _ => {}
            }
        }
        if bodies.is_empty() {
            bail!("the wasm module defines no function");
        }
        Ok(Self { imported, bodies })
    }
}

/// The order to write `bodies` in, as indexes into it: each next to the ones most like it.
fn order(bodies: &[&[u8]]) -> Vec<usize> {
    let sketches: Vec<Vec<u32>> = bodies.iter().map(|body| sketch(body)).collect();
    let mut taken = vec![false; bodies.len()];
    let mut likeness = vec![0.0_f32; bodies.len()];
    let mut order = Vec::with_capacity(bodies.len());
    let Some(mut last) = (0..bodies.len()).max_by_key(|&i| (bodies[i].len(), std::cmp::Reverse(i)))
    else {
        return order;
    };
    loop {
        taken[last] = true;
        order.push(last);
        let mut next: Option<(usize, f32)> = None;
        for (i, sketch) in sketches.iter().enumerate() {
            if taken[i] {
                continue;
            }
            likeness[i] = likeness[i] * MEMORY + agreement(&sketches[last], sketch) as f32;
            if next.is_none_or(|(_, best)| likeness[i] > best) {
                next = Some((i, likeness[i]));
            }
        }
        match next {
            Some((i, _)) => last = i,
            None => return order,
        }
    }
}

/// A MinHash sketch of the distinct windows of `body`: for each hash function, the smallest
/// hash of any window.
fn sketch(body: &[u8]) -> Vec<u32> {
    let mut windows: Vec<u32> = body
        .windows(WINDOW)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    windows.sort_unstable();
    windows.dedup();
    let mut sketch = vec![u32::MAX; SKETCH_LEN];
    for window in windows {
        for (seed, least) in sketch.iter_mut().enumerate() {
            *least = (*least).min(hash(window, seed as u64));
        }
    }
    sketch
}

/// How many of the hash functions two sketches agree on.
fn agreement(a: &[u32], b: &[u32]) -> u32 {
    a.iter().zip(b).map(|(x, y)| u32::from(x == y)).sum()
}

/// The `seed`-th hash function: SplitMix64's finaliser over the window and the seed.
fn hash(window: u32, seed: u64) -> u32 {
    let mut z = (u64::from(window) | (seed << 32)).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z >> 32) as u32
}

/// `module` with a name section naming each defined function by its place in `order`, zero
/// padded so that wasm-opt's sort by name follows it.
fn with_ranks_as_names(module: &[u8], imported: u32, order: &[usize]) -> Vec<u8> {
    let mut ranks = vec![0; order.len()];
    for (rank, &function) in order.iter().enumerate() {
        ranks[function] = rank;
    }
    let mut names = NameMap::new();
    for (function, rank) in ranks.iter().enumerate() {
        let index = imported + u32::try_from(function).unwrap_or(u32::MAX);
        names.append(index, &format!("{rank:06}"));
    }
    let mut section = NameSection::new();
    section.functions(&names);
    let mut out = module.to_vec();
    section.append_to(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use wasm_encoder::{
        CodeSection, EntityType, Function, FunctionSection, ImportSection, Instruction, Module,
        TypeSection,
    };

    use super::*;

    /// A body that pushes `constants` and drops them: functions with the same constants are
    /// alike, with different ones they are not.
    fn function(constants: &[i32]) -> Function {
        let mut f = Function::new([]);
        for &c in constants {
            f.instruction(&Instruction::I32Const(c));
            f.instruction(&Instruction::Drop);
        }
        f.instruction(&Instruction::End);
        f
    }

    fn constants(from: i32) -> Vec<i32> {
        (from..from + 200).map(|c| c * 7919).collect()
    }

    /// A module importing one function and defining `functions`, all of type `() -> ()`.
    fn module(functions: &[Function]) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut imports = ImportSection::new();
        imports.import("env", "imported", EntityType::Function(0));
        let mut declared = FunctionSection::new();
        let mut code = CodeSection::new();
        for f in functions {
            declared.function(0);
            code.function(f);
        }
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&declared)
            .section(&code);
        module.finish()
    }

    /// Two families of alike functions, interleaved: a, b, a', b', a''.
    fn interleaved() -> Vec<Function> {
        let (a, b) = (constants(0), constants(100_000));
        let variant = |base: &[i32], changed: usize| {
            let mut v = base.to_vec();
            v[changed] = -1;
            v
        };
        vec![
            function(&a),
            function(&b),
            function(&variant(&a, 10)),
            function(&variant(&b, 20)),
            function(&variant(&a, 30)),
        ]
    }

    /// The family of the function at `index` in [`interleaved`].
    fn family(index: usize) -> char {
        if index.is_multiple_of(2) { 'a' } else { 'b' }
    }

    #[test]
    fn alike_functions_are_put_side_by_side() {
        let module = module(&interleaved());
        let code = Code::of(&module).expect("parses");
        assert_eq!(code.imported, 1);
        let order = order(&code.bodies);
        let families: String = order.iter().map(|&i| family(i)).collect();
        assert!(
            families == "aaabb" || families == "bbaaa",
            "families apart: {families} ({order:?})"
        );
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4], "every function once");
    }

    #[test]
    fn a_module_that_names_its_functions_is_refused() {
        let named = with_ranks_as_names(&module(&interleaved()), 1, &[0, 1, 2, 3, 4]);
        let refused = Code::of(&named).err().map(|e| e.to_string());
        assert!(
            refused
                .as_deref()
                .is_some_and(|e| e.contains("already names")),
            "{refused:?}"
        );
    }

    #[test]
    fn sketches_agree_as_their_windows_do() {
        let a: Vec<u8> = (0..=255).collect();
        let mut half = a[..128].to_vec();
        half.extend((0..128).map(|b: u8| b.wrapping_mul(3).wrapping_add(1)));
        let same = agreement(&sketch(&a), &sketch(&a));
        let shared = agreement(&sketch(&a), &sketch(&half));
        let other = agreement(&sketch(&a), &sketch(&[9, 8, 7, 6, 5, 4, 3]));
        assert_eq!(same, SKETCH_LEN as u32);
        assert!(shared > other && shared < same, "{same} {shared} {other}");
    }

    #[test]
    fn the_laid_out_module_is_valid_and_holds_the_same_functions_grouped() {
        let workspace = Workspace::locate().expect("workspace");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("app_bg.wasm");
        let original = module(&interleaved());
        fs::write(&path, &original).expect("write");

        assert_eq!(lay_out(&workspace, &path).expect("laid out"), 5);

        let laid_out = fs::read(&path).expect("read");
        wasmparser::validate(&laid_out).expect("a valid module");
        let before = Code::of(&original).expect("parses").bodies;
        let after = Code::of(&laid_out).expect("parses").bodies;
        let families: String = after
            .iter()
            .map(|body| before.iter().position(|b| b == body).map_or('?', family))
            .collect();
        assert!(
            families == "aaabb" || families == "bbaaa",
            "families apart after the layout: {families}"
        );
        assert!(
            !dir.path().join("app_bg.named.wasm").exists(),
            "the named copy is removed"
        );
    }
}
