//! Byte mutations on top of the generated files: flips, inserts, deletes,
//! duplicated spans, swapped lines, and splices of the tokens that matter
//! to TOML, front matter, Markdown and the decoder. A mutated case has no
//! oracle for its exit code; the general properties must still hold.

use fastrand::Rng;

/// Tokens worth splicing: structure for TOML and front matter, fences and
/// URLs for the counting rule, and bytes the decoders must handle.
const TOKENS: &[&[u8]] = &[
    b"[[",
    b"]]",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"\"\"",
    b"'''",
    b"\"",
    b"'",
    b"+++",
    b"+++\n",
    b"=",
    b" = ",
    b",",
    b"#",
    b"\\",
    b"\\u",
    b"\\U0010FFFF",
    b"\\uD800",
    b"\0",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xE3\x81",
    b"\xC0\xAF",
    b"\x1B[2J",
    b"\xE2\x80\xAE",
    b"```",
    b"~~~",
    b"\n```\n",
    b"https://",
    b"http://x.test/",
    b"[technologies.x]\nname = \"X\"\nquadrant = \"tools\"\n",
    b"[[technologies.x.placements]]\n",
    b"ring = \"retired\"\n",
    b"edition = \"2024-Q3\"\n",
    b"evidence = [{ report = \"r\" }]\n",
    b"[radar]\n",
    b"date = 2019-07-22\n",
    b"date = \"2019-07\"\n",
    b"9999-12-31",
    b"0000-01-01",
    b"-Q4",
    b"99999999999999999999",
    b"-1",
    b"1e400",
    b"nan",
    b"inf",
    b"true",
    b"<script>",
    b"javascript:",
    b"=cmd",
];

/// Applies 1 to `max` mutations to `bytes`.
pub(crate) fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, max: usize) -> Vec<String> {
    let mut done = Vec::new();
    for _ in 0..rng.usize(1..=max) {
        done.push(once(rng, bytes));
    }
    done
}

fn once(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let len = bytes.len();
    let at = rng.usize(..=len);
    match rng.u8(..11) {
        0 if len > 0 => {
            let i = rng.usize(..len);
            bytes[i] ^= 1 << rng.u8(..8);
            format!("flip a bit at {i}")
        }
        1 if len > 0 => {
            let i = rng.usize(..len);
            bytes[i] = rng.u8(..);
            format!("set byte {i}")
        }
        2 => {
            let b = *pick(
                rng,
                &[
                    0x00, 0x0A, 0x0D, 0x22, 0x27, 0x5B, 0x5D, 0x3D, 0x23, 0x5C, 0x7F, 0x80, 0xC0,
                    0xE3, 0xEF, 0xFF, 0x1B,
                ],
            );
            bytes.insert(at, b);
            format!("insert 0x{b:02X} at {at}")
        }
        3 if len > 0 => {
            let from = rng.usize(..len);
            let to = (from + rng.usize(1..=16)).min(len);
            bytes.drain(from..to);
            format!("delete {from}..{to}")
        }
        4 if len > 0 => {
            let from = rng.usize(..len);
            let to = (from + rng.usize(1..=64)).min(len);
            let span = bytes[from..to].to_vec();
            let at = rng.usize(..=len);
            bytes.splice(at..at, span);
            format!("copy {from}..{to} to {at}")
        }
        5 => {
            let line = line_starts(bytes);
            let at = if rng.bool() { *pick(rng, &line) } else { at };
            let token = *pick(rng, TOKENS);
            bytes.splice(at..at, token.iter().copied());
            format!("splice {:?} at {at}", String::from_utf8_lossy(token))
        }
        6 if len > 0 => {
            bytes.truncate(at);
            format!("truncate at {at}")
        }
        7 => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            if lines.len() > 1 {
                let a = rng.usize(..lines.len());
                let b = rng.usize(..lines.len());
                lines.swap(a, b);
                *bytes = lines.join(&b'\n');
                format!("swap lines {a} and {b}")
            } else {
                "swap lines: one line".into()
            }
        }
        8 => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let a = rng.usize(..lines.len());
            let line = lines[a].clone();
            lines.insert(a, line);
            *bytes = lines.join(&b'\n');
            format!("duplicate line {a}")
        }
        9 => {
            // A long run: the kind of input that finds quadratic paths.
            let n = *pick(rng, &[200usize, 200, 2_000, 5_000, 5_000, 70_000]);
            let fill = *pick(
                rng,
                &[
                    &b"a"[..],
                    b" ",
                    b"\n",
                    b"[",
                    b"\xE3\x81\x82",
                    b"k8s ",
                    b"```\n",
                ],
            );
            let run: Vec<u8> = fill.iter().copied().cycle().take(n * fill.len()).collect();
            bytes.splice(at..at, run);
            format!("insert a run of {n} {:?}", String::from_utf8_lossy(fill))
        }
        _ => {
            bytes.extend_from_slice(pick::<&[u8]>(rng, TOKENS));
            "append a token".into()
        }
    }
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}
