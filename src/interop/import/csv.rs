//! A small RFC 4180 CSV reader for BYOR sheets: fields separated by commas,
//! records by line breaks (`\n` or `\r\n`), a field in double quotes may
//! hold commas, line breaks and `""` for a quote. Each record keeps the byte
//! offset it starts at, so an error can name its line.

/// One record: its fields and where it starts in the text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Record {
    /// The fields, unquoted.
    pub(crate) fields: Vec<String>,
    /// The byte offset of the record's first character.
    pub(crate) start: usize,
}

/// Why the text is not CSV, and the byte offset where that shows.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CsvError {
    /// What is wrong.
    pub(crate) message: &'static str,
    /// Where.
    pub(crate) at: usize,
}

/// Every record of `text`; blank lines are skipped.
pub(crate) fn records(text: &str) -> Result<Vec<Record>, CsvError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut start = 0;
    // Whether the current field was quoted, and where the quote opened.
    let mut quoted: Option<usize> = None;
    let mut in_quotes = false;
    let mut chars = text.char_indices().peekable();
    let mut end_record = |fields: &mut Vec<String>, field: &mut String, start: usize| {
        fields.push(std::mem::take(field));
        let fields = std::mem::take(fields);
        if !(fields.len() == 1 && fields[0].trim().is_empty()) {
            records.push(Record { fields, start });
        }
    };
    while let Some((i, c)) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek().is_some_and(|&(_, n)| n == '"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() && quoted.is_none() => {
                field.clear();
                quoted = Some(i);
                in_quotes = true;
            }
            '"' => {
                return Err(CsvError {
                    message: "a quote inside a field that is not quoted",
                    at: i,
                });
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                quoted = None;
            }
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
            '\n' => {
                end_record(&mut fields, &mut field, start);
                quoted = None;
                start = i + 1;
            }
            c if quoted.is_some() && !c.is_whitespace() => {
                return Err(CsvError {
                    message: "text after a quoted field's closing quote",
                    at: i,
                });
            }
            _ if quoted.is_some() => {}
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err(CsvError {
            message: "a quoted field is never closed",
            at: quoted.unwrap_or(start),
        });
    }
    if !(field.is_empty() && fields.is_empty()) {
        end_record(&mut fields, &mut field, start);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        records(text)
            .expect("csv")
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        assert_eq!(
            fields("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n\n1,\n"),
            [
                vec!["a", "b"],
                vec!["x, y", "say \"hi\"\nthere"],
                vec!["1", ""]
            ]
        );
        let starts: Vec<usize> = records("a\n\"b\nc\"\nd")
            .expect("csv")
            .iter()
            .map(|r| r.start)
            .collect();
        assert_eq!(starts, [0, 2, 8]);
    }

    #[test]
    fn broken_quotes_are_errors_at_their_place() {
        assert_eq!(records("a,\"b\n").expect_err("an error").at, 2);
        assert_eq!(records("a,b\"c\n").expect_err("an error").at, 3);
        assert_eq!(records("\"a\"x\n").expect_err("an error").at, 3);
    }
}
