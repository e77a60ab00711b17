//! `confradar completions SHELL` and `confradar man`: the command line
//! described for shells and for `man`, both generated from the one clap
//! definition in [`crate::cli`], so they cannot fall behind it.

use clap::CommandFactory;

use super::Output;
use crate::cli::Cli;
use crate::error::Error;

/// The completion script for `shell`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Output {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "confradar", &mut script);
    Output::new(String::from_utf8_lossy(&script).into_owned(), Vec::new())
}

/// The manual page, as roff.
pub(crate) fn man() -> Result<Output, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(Error::io("the manual page"))?;
    Ok(Output::new(
        String::from_utf8_lossy(&page).into_owned(),
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_is_completed_in_every_shell() {
        use clap_complete::Shell;
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Elvish,
        ] {
            let script = completions(shell).stdout;
            for sub in [
                "check",
                "mentions",
                "build",
                "diff",
                "import",
                "export",
                "completions",
            ] {
                assert!(script.contains(sub), "{shell}: no `{sub}`");
            }
        }
    }

    #[test]
    fn the_man_page_names_the_commands_and_options() {
        let page = man().expect("renders").stdout;
        assert!(
            page.starts_with(".ie") || page.contains(".TH confradar"),
            "{page}"
        );
        for text in ["confradar", "\\-\\-config", "build", "Exit codes"] {
            assert!(page.contains(text), "no `{text}` in the page");
        }
    }
}
