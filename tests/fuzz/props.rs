//! The properties every run and every output folder must have, whatever
//! the input. Each check returns the problems it found as sentences; an
//! empty list is a pass.

use std::collections::BTreeMap;
use std::path::Path;

use super::runner::Outcome;

/// The files an error may name: the project folder as diagnostics show
/// it (ending in `/`), and each file below it by its relative path, with
/// its bytes and whether it is the radar file.
pub(crate) struct Known {
    pub prefix: String,
    pub files: BTreeMap<String, (Vec<u8>, bool)>,
}

/// The characters that may not reach a terminal or an output file raw:
/// control characters other than line feed and tab, and bidi controls.
pub(crate) fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A path as diagnostics may show it, reduced to what survives every way
/// of showing it: the renderer draws C0 controls as control pictures
/// (U+2400...), `printable` turns the rest into U+FFFD, and file names that
/// are not UTF-8 are shown lossily. Each of those becomes `?`, in the
/// known paths and in the titles alike; so does the escape (`\u{1b}`) a
/// report's refused name is shown with.
pub(crate) fn shown(path: &str) -> String {
    let mut path = path.to_owned();
    while let Some(start) = path.find("\\u{") {
        let hex = &path[start + 3..];
        let digits = hex
            .find('}')
            .filter(|&n| n > 0 && hex[..n].chars().all(|c| c.is_ascii_hexdigit()));
        match digits {
            Some(n) => path.replace_range(start..=(start + 3 + n), "\u{FFFD}"),
            None => break,
        }
    }
    path.chars()
        .map(|c| {
            if (is_forbidden(c) && c != '\n')
                || ('\u{2400}'..='\u{2426}').contains(&c)
                || c == '\u{FFFD}'
            {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// Properties of any run: the exit code, no panic, nothing raw on the
/// terminal, and on exit 1 every error titled with its place and counted
/// in the summary line.
pub(crate) fn outcome(o: &Outcome, known: &Known, is_diff: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let what = o.args.join(" ");
    if !matches!(o.code, 0..=2) {
        problems.push(format!("`{what}` exited {}", o.code));
    }
    if o.stderr.contains("panicked") {
        problems.push(format!("`{what}` printed a panic"));
    }
    for (stream, text) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
            problems.push(format!(
                "`{what}` printed the raw character U+{:04X} on {stream}",
                c as u32
            ));
        }
    }
    if !o.utf8 {
        problems.push(format!("`{what}` printed bytes that are not UTF-8"));
    }
    for (level, line) in titles(&o.stderr) {
        // Exit 2 (a missing folder, a refused output) names a path, not a
        // place in a file.
        if o.code == 2 && level == "error" {
            continue;
        }
        if is_diff && (line.starts_with("BASE side ") || line.starts_with("HEAD side ")) {
            continue;
        }
        if let Some(p) = place_problem(line, known) {
            problems.push(format!("`{what}`: {level} title `{}` {p}", clip(line)));
        }
    }
    if o.code == 1 && !is_diff && !o.args.iter().any(|a| a == "--check") {
        let errors = titles(&o.stderr).filter(|(l, _)| *l == "error").count();
        let warnings = titles(&o.stderr).filter(|(l, _)| *l == "warning").count();
        // `--deny-warnings` fails on warnings, which stay titled `warning:`.
        let denied = o.args.iter().any(|a| a == "--deny-warnings") && warnings > 0;
        if errors == 0 && !denied {
            problems.push(format!("`{what}` exited 1 without an error line"));
        }
        let summary = format!(
            "confradar: {errors} error{}, {warnings} warning{}; nothing was written",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
        if o.stderr.trim_end().lines().last() != Some(summary.as_str()) {
            problems.push(format!(
                "`{what}`: the last line is not `{summary}`: {:?}",
                o.stderr.trim_end().lines().last()
            ));
        }
    }
    problems
}

/// The `error: ...` and `warning: ...` title lines.
fn titles(stderr: &str) -> impl Iterator<Item = (&'static str, &str)> {
    stderr.lines().filter_map(|l| {
        l.strip_prefix("error: ")
            .map(|t| ("error", t))
            .or_else(|| l.strip_prefix("warning: ").map(|t| ("warning", t)))
    })
}

fn clip(text: &str) -> String {
    let clipped: String = text.chars().take(200).collect();
    if clipped.len() < text.len() {
        format!("{clipped}...")
    } else {
        clipped
    }
}

/// A relative path with `.` and `name/..` steps taken out, as the file
/// system reads it.
fn lexical(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `None` when `title` starts with a file of the project followed by
/// `:LINE:COL: ` that exists in it, or (for a report) by `: `; otherwise
/// what is wrong. File names may hold `:`, so every `:` is tried.
pub(crate) fn place_problem(title: &str, known: &Known) -> Option<String> {
    let title = shown(title);
    let Some(rest) = title.strip_prefix(&known.prefix) else {
        return Some("names no file of the project".into());
    };
    let found = rest
        .match_indices(':')
        .rev()
        .find_map(|(i, _)| known.files.get(&lexical(&rest[..i])).map(|f| (i, f)));
    let Some((at, (bytes, is_config))) = found else {
        return Some("names no file of the project".into());
    };
    let rest = &rest[at + 1..];
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().and_then(|n| n.parse::<usize>().ok());
    let col = parts.next().and_then(|n| n.parse::<usize>().ok());
    match (line, col, parts.next()) {
        (Some(line), Some(col), Some(after)) if after.starts_with(' ') => {
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            match lines.get(line.wrapping_sub(1)) {
                None => Some(format!("points at line {line}, past the end of the file")),
                Some(text) if col == 0 || col > text.len() + 1 => Some(format!(
                    "points at column {col} of a {}-byte line",
                    text.len()
                )),
                Some(_) => None,
            }
        }
        _ if !is_config && rest.starts_with(' ') => None,
        _ => Some("has no line and column".into()),
    }
}

/// Properties of a folder `build` wrote.
pub(crate) fn output_folder(dir: &Path, files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    let listed: Vec<String> = files
        .get(".confradar-manifest")
        .map(|m| {
            String::from_utf8_lossy(m)
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let present: Vec<String> = files
        .keys()
        .filter(|k| !k.ends_with('/') && *k != ".confradar-manifest")
        .cloned()
        .collect();
    if listed != present {
        problems.push(format!(
            "{}: the manifest lists {listed:?}, the folder holds {present:?}",
            dir.display()
        ));
    }
    for (path, bytes) in files {
        if path.ends_with('/') {
            continue;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            problems.push(format!("{path} is not UTF-8"));
            continue;
        };
        if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
            problems.push(format!("{path} holds the raw character U+{:04X}", c as u32));
        }
        let lower = text.to_ascii_lowercase();
        // Markdown may show `<script>` in a code span; its raw HTML is
        // judged by the parser below.
        if path.ends_with(".svg") && lower.contains("<script") {
            problems.push(format!("{path} holds a raw `<script`"));
        }
        if path.ends_with(".svg") {
            problems.extend(svg(path, text));
        } else if path.ends_with(".md") {
            problems.extend(markdown(path, text));
        } else if path.ends_with(".json") {
            problems.extend(json(path, text));
        } else if path.ends_with(".csv") {
            problems.extend(csv_cells(
                path,
                text,
                Some(&["technology", "period", "mentions", "reports"]),
            ));
        }
    }
    problems
}

/// Well-formed XML, no script or event handler, and every link a web
/// address or a fragment.
fn svg(path: &str, text: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("{path} is not well-formed XML: {e}")],
    };
    let mut problems = Vec::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let tag = node.tag_name().name().to_ascii_lowercase();
        if matches!(
            tag.as_str(),
            "script" | "foreignobject" | "iframe" | "object" | "embed"
        ) {
            problems.push(format!("{path} has a <{tag}> element"));
        }
        for a in node.attributes() {
            let name = a.name().to_ascii_lowercase();
            if name.starts_with("on") {
                problems.push(format!("{path} has an event handler attribute {name}"));
            }
            if name == "href" || name == "src" {
                let v = a.value();
                if !(is_web(v) || v.starts_with('#')) {
                    problems.push(format!("{path} links to {v:?}"));
                }
            }
        }
    }
    problems
}

/// An http or https URL (the scheme in any case, as URLs allow).
fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// No raw HTML, and no link that leaves the web.
fn markdown(path: &str, text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut problems = Vec::new();
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                problems.push(format!("{path} has raw HTML {:?}", clip(&h)));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !safe_target(&dest_url) =>
            {
                problems.push(format!("{path} links to {:?}", clip(&dest_url)));
            }
            _ => {}
        }
    }
    problems
}

/// A link target a browser would not run: without a scheme, or with
/// http, https or mailto, judged as a browser reads it (control characters
/// and spaces before the scheme dropped).
fn safe_target(target: &str) -> bool {
    let seen: String = target
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    match seen.find([':', '/', '?', '#']) {
        Some(i) if seen[i..].starts_with(':') => {
            matches!(
                seen[..i].to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        }
        _ => true,
    }
}

/// Valid JSON whose `link` values are web addresses.
fn json(path: &str, text: &str) -> Vec<String> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![format!("{path} is not JSON: {e}")],
    };
    let mut problems = Vec::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if k == "link" && !v.is_null() && !v.as_str().is_some_and(is_web) {
                        problems.push(format!("{path} has the link {v}"));
                    }
                    stack.push(v);
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    problems
}

/// Parses RFC 4180 CSV into rows of cells; `None` when it is malformed.
pub(crate) fn parse_csv(text: &str) -> Option<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            '"' => return None,
            ',' => row.push(std::mem::take(&mut cell)),
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                started = false;
                continue;
            }
            c => cell.push(c),
        }
        started = true;
    }
    if quoted || started {
        return None;
    }
    Some(rows)
}

/// Well-formed CSV with the header, rows as wide as it, and no cell a
/// spreadsheet would run as a formula.
pub(crate) fn csv_cells(path: &str, text: &str, header: Option<&[&str]>) -> Vec<String> {
    let Some(rows) = parse_csv(text) else {
        return vec![format!("{path} is not well-formed CSV")];
    };
    let mut problems = Vec::new();
    let Some(first) = rows.first() else {
        return vec![format!("{path} has no header")];
    };
    if let Some(header) = header
        && first != header
    {
        problems.push(format!("{path} has the header {first:?}"));
    }
    for row in &rows[1..] {
        if row.len() != first.len() {
            problems.push(format!("{path} has the row {row:?}"));
        }
        for cell in row {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                problems.push(format!("{path} has the formula-like cell {cell:?}"));
            }
        }
    }
    problems
}
