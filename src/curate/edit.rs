//! Editing radar.toml in place through `toml_edit`, which keeps every
//! comment, blank line and spacing it does not touch: [`edition`] appends
//! a quarter to `editions`, [`placement`] adds or replaces a placement (and
//! with it, perhaps, a technology). Both are pure functions from the file's
//! text to the new text; [`file`] reads the radar file for editing and
//! writes the result back atomically. Validating the result is the caller's
//! (`cmd/place`), with the validator `check` uses.

pub(crate) mod edition;
pub(crate) mod file;
pub(crate) mod placement;

use std::ops::Range;
use std::sync::Arc;

use toml_edit::{Decor, Document, DocumentMut};

use crate::diagnostic::SourceFile;
use crate::error::Error;

/// The radar file's text parsed twice over: with spans, for pointing at
/// what is wrong, and as a document to edit.
pub(crate) struct Editable {
    /// The file as read, for diagnostics.
    pub source: Arc<SourceFile>,
    /// The parsed text, spans kept.
    spanned: Document<String>,
}

impl Editable {
    /// Parses `text`, the radar file shown as `name`. The file has been
    /// loaded (and so parsed) before it is edited, so a syntax error here
    /// is unexpected; it is still an error and not a panic.
    pub(crate) fn parse(name: &str, text: &str) -> Result<Editable, Error> {
        let spanned = Document::parse(text.to_owned()).map_err(|e| {
            Error::Usage(format!(
                "{name} cannot be edited: {}",
                e.message().trim_end()
            ))
        })?;
        Ok(Editable {
            source: SourceFile::new(name, text),
            spanned,
        })
    }

    /// The span of the item at `path` (table keys from the root), if any.
    pub(crate) fn span(&self, path: &[&str]) -> Option<Range<usize>> {
        let mut item = self.spanned.as_item();
        for key in path {
            item = item.get(key)?;
        }
        item.span()
    }

    /// The document to edit (spans dropped, formatting kept).
    pub(crate) fn document(&self) -> DocumentMut {
        self.spanned.clone().into_mut()
    }
}

/// Gives `next`, a value added after `last` in an array, `last`'s place
/// in the array's style: `last`'s spacing before it (a space, or a line
/// break and indent; not a comment on the line before), and what followed
/// `last` before the closing bracket or comma (a space, or a line break in
/// a list written one item a line), which now follows `next`.
pub(crate) fn follow(last: &mut Decor, next: &mut Decor) {
    let prefix = last.prefix().and_then(|p| p.as_str()).unwrap_or(" ");
    let suffix = last
        .suffix()
        .and_then(|s| s.as_str())
        .unwrap_or("")
        .to_owned();
    next.set_prefix(layout(prefix));
    next.set_suffix(suffix);
    last.set_suffix("");
}

/// Gives `new`, a value inserted before `next` in an array, the place
/// `next` had: its prefix, with any comment in it (which ends the line of
/// the value before), and leaves `next` only the spacing.
pub(crate) fn precede(next: &mut Decor, new: &mut Decor) {
    let prefix = next
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or(" ")
        .to_owned();
    next.set_prefix(layout(&prefix));
    new.set_prefix(prefix);
    new.set_suffix("");
}

/// The spacing of a value's prefix without its comments: a line break and
/// the last line's indent when it has line breaks, else the spaces.
fn layout(prefix: &str) -> String {
    match prefix.rsplit_once('\n') {
        Some((_, indent)) if indent.trim().is_empty() => format!("\n{indent}"),
        Some(_) => "\n".to_owned(),
        None if prefix.trim().is_empty() => prefix.to_owned(),
        None => " ".to_owned(),
    }
}
