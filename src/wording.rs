//! English shared by messages: a count with the noun that agrees with it.
//! One place, so `1 file` and `2 files` read the same in every message.

/// `1 file`, `3 files`: `n` with `one` or `many`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The ending of a regular plural: `""` for one thing, `"s"` otherwise.
pub(crate) fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "file", "files"), "1 file");
        assert_eq!(count(0, "file", "files"), "0 files");
        assert_eq!(count(2, "technology", "technologies"), "2 technologies");
        assert_eq!([0, 1, 2].map(plural_s), ["s", "", "s"]);
    }
}
