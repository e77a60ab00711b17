//! `confradar completions SHELL` and `confradar man`: what a user pipes
//! into their shell's completion folder or `man` works there, and
//! `--quiet` does not swallow it.

mod support;

use support::Project;

#[test]
fn bash_completions_are_a_script_bash_accepts() {
    let p = Project::empty();
    let out = p.run(&["completions", "bash"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("_confradar()"), "{}", out.stdout);
    assert!(out.stdout.contains("mentions"));
    p.write("confradar.bash", &out.stdout);
    let syntax = std::process::Command::new("bash")
        .args(["-n", "confradar.bash"])
        .current_dir(p.path())
        .status()
        .expect("bash runs");
    assert!(syntax.success(), "bash -n refused the script");
}

#[test]
fn every_shell_gets_a_script_even_with_quiet() {
    let p = Project::empty();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = p.run(&["completions", shell, "--quiet"]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("export"), "{shell}: no subcommands");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = Project::empty().run(&["completions", "tcsh"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("possible values"), "{}", out.stderr);
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let out = Project::empty().run(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH confradar"), "{}", out.stdout);
    for sub in ["check", "mentions", "build", "diff", "import", "export"] {
        assert!(out.stdout.contains(sub), "no `{sub}` in the page");
    }
}
