//! The command line end to end: bad input, exit codes, `check`, and the
//! shapes of `mentions` output. Error texts are snapshotted: they are part
//! of the interface.

mod support;

use support::Project;

/// Asserts the error names `location`, then snapshots the whole text.
macro_rules! error_at {
    ($project:expr, $location:expr) => {{
        let stderr = $project.check_fails();
        assert!(
            stderr.contains(&format!("error: {}", $location)),
            "expected an error at {}:\n{stderr}",
            $location
        );
        insta::assert_snapshot!(stderr);
    }};
}

#[test]
fn valid_project_checks_clean() {
    let out = Project::new().run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout.contains(
            "ok: 1 technology, 2 editions, 1 report, 1 evidence quote verified, 0 warnings"
        )
    );
}

#[test]
fn check_verbose_prints_where_quotes_were_found() {
    let out = Project::new().run(&["check", "-v"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "istio 2019-Q3: reports/2019-07-22-cndt.md:4: Istio の Traffic Management を試した。"
        ),
        "{}",
        out.stdout
    );
}

// ---- radar.toml ----

#[test]
fn toml_syntax_error() {
    error_at!(
        Project::with_radar_edit("name = \"Istio\"", "name = \"Istio"),
        "radar.toml:6:14"
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let p = Project::with_radar_edit("quadrant = \"platforms\"", "qudrant = \"platforms\"");
    let stderr = p.check_fails();
    assert!(stderr.contains("did you mean `quadrant`?"), "{stderr}");
    error_at!(p, "radar.toml:7:1");
}

#[test]
fn unknown_ring_lists_allowed_ids() {
    let p = Project::with_radar_edit("ring = \"assess\"", "ring = \"asess\"");
    let stderr = p.check_fails();
    assert!(
        stderr.contains("adopt, trial, assess, hold, retired"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `assess`?"), "{stderr}");
    error_at!(p, "radar.toml:12:8");
}

#[test]
fn unknown_quadrant_lists_allowed_ids() {
    let p = Project::with_radar_edit("quadrant = \"platforms\"", "quadrant = \"platform\"");
    let stderr = p.check_fails();
    assert!(
        stderr.contains("techniques, tools, platforms, languages-and-frameworks"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `platforms`?"), "{stderr}");
    error_at!(p, "radar.toml:7:12");
}

#[test]
fn duplicate_technology_id_shows_both_lines() {
    let p = Project::new()
        .append_radar("\n[technologies.istio]\nname = \"Istio 2\"\nquadrant = \"tools\"\n");
    let stderr = p.check_fails();
    assert!(
        stderr.contains("duplicate technology id `istio`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("radar.toml:5:1") && stderr.contains("first defined here"),
        "{stderr}"
    );
    error_at!(p, "radar.toml:16:15");
}

const ENVOY: &str = r#"
[technologies.envoy]
name = "Envoy"
quadrant = "platforms"
aliases = ["istio"]

[[technologies.envoy.placements]]
edition = "2024-Q3"
ring = "trial"
evidence = [{ report = "2019-07-22-cndt" }]
"#;

#[test]
fn alias_on_two_technologies_shows_both_places() {
    let p = Project::new().append_radar(ENVOY);
    let stderr = p.check_fails();
    assert!(
        stderr.contains("`istio` is a name or alias of both `istio` and `envoy`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("radar.toml:6:8"),
        "the first place: {stderr}"
    );
    error_at!(p, "radar.toml:19:12");
}

#[test]
fn equal_patterns_compare_after_nfkc_ignoring_ascii_case() {
    let p = Project::new()
        .append_radar(&ENVOY.replace("aliases = [\"istio\"]", "aliases = [\"ＩＳＴＩＯ\"]"));
    let stderr = p.check_fails();
    assert!(
        stderr.contains("is a name or alias of both `istio` and `envoy`"),
        "{stderr}"
    );
}

#[test]
fn empty_name_or_alias() {
    error_at!(
        Project::with_radar_edit("name = \"Istio\"", "name = \" \""),
        "radar.toml:6:8"
    );
    let p = Project::new()
        .append_radar(&ENVOY.replace("aliases = [\"istio\"]", "aliases = [\"\u{3000}\"]"));
    let stderr = p.check_fails();
    assert!(
        stderr.contains("error: radar.toml:19:12: empty alias of technology `envoy`"),
        "{stderr}"
    );
}

#[test]
fn edition_not_in_editions() {
    let p = Project::with_radar_edit("edition = \"2019-Q3\"", "edition = \"2019-Q2\"");
    let stderr = p.check_fails();
    assert!(stderr.contains("editions: 2019-Q3, 2024-Q3"), "{stderr}");
    error_at!(p, "radar.toml:11:11");
}

#[test]
fn editions_not_ascending() {
    let p = Project::with_radar_edit("[\"2019-Q3\", \"2024-Q3\"]", "[\"2024-Q3\", \"2019-Q3\"]");
    error_at!(p, "radar.toml:3:24");
}

#[test]
fn edition_not_a_quarter() {
    let p = Project::with_radar_edit("[\"2019-Q3\", \"2024-Q3\"]", "[\"2019-Q3\", \"2024-Q5\"]");
    let stderr = p.check_fails();
    assert!(stderr.contains("YYYY-QN"), "{stderr}");
    error_at!(p, "radar.toml:3:24");
}

#[test]
fn placements_not_ascending() {
    let p = Project::new().append_radar(
        "\n[[technologies.istio.placements]]\nedition = \"2024-Q3\"\nring = \"trial\"\n\n[[technologies.istio.placements]]\nedition = \"2019-Q3\"\nring = \"adopt\"\n",
    );
    let stderr = p.check_fails();
    assert!(stderr.contains("previous placement"), "{stderr}");
    error_at!(p, "radar.toml:21:11");
}

#[test]
fn link_must_be_http_or_https() {
    let p = Project::with_radar_edit("https://istio.io/", "javascript:alert(1)");
    error_at!(p, "radar.toml:8:8");
}

#[test]
fn control_characters_in_a_name() {
    let p = Project::with_radar_edit("name = \"Istio\"", "name = \"Ist\\u0007io\"");
    error_at!(p, "radar.toml:6:8");
}

#[test]
fn technology_without_placements() {
    let p = Project::new()
        .append_radar("\n[technologies.helm]\nname = \"Helm\"\nquadrant = \"tools\"\n");
    let stderr = p.check_fails();
    assert!(
        stderr.contains("error: radar.toml:16:1: technology `helm` has no placements"),
        "{stderr}"
    );
}

// ---- evidence ----

#[test]
fn evidence_report_missing_suggests_near_miss() {
    let p = Project::with_radar_edit(
        "report = \"2019-07-22-cndt\"",
        "report = \"2019-07-22-cdnt\"",
    );
    let stderr = p.check_fails();
    assert!(
        stderr.contains("did you mean `2019-07-22-cndt`?"),
        "{stderr}"
    );
    error_at!(p, "radar.toml:14:24");
}

#[test]
fn quote_not_in_report() {
    let p = Project::with_radar_edit(
        "quote = \"Traffic Management\"",
        "quote = \"Traffic Shaping\"",
    );
    let stderr = p.check_fails();
    assert!(stderr.contains("reports/2019-07-22-cndt.md"), "{stderr}");
    error_at!(p, "radar.toml:14:51");
}

#[test]
fn quote_matches_across_nfkc_case_and_line_breaks() {
    let p = Project::with_radar_edit(
        "quote = \"Traffic Management\"",
        "quote = \"ｔｒａｆｆｉｃ\\n  MANAGEMENT\"",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn evidence_report_dated_after_its_edition() {
    let p = Project::new().file(
        "reports/2019-07-22-cndt.md",
        &support::REPORT.replacen("+++\n", "+++\ndate = 2019-10-01\n", 1),
    );
    let stderr = p.check_fails();
    assert!(
        stderr.contains("dated 2019-10-01 (2019-Q4), after edition 2019-Q3"),
        "{stderr}"
    );
    error_at!(p, "radar.toml:14:24");
}

// ---- reports ----

#[test]
fn report_with_bad_front_matter() {
    let p = Project::new().file("reports/2019-08-x.md", "+++\ntitle = \n+++\nbody\n");
    error_at!(p, "reports/2019-08-x.md:2:");
}

#[test]
fn report_with_unclosed_front_matter() {
    let p = Project::new().file("reports/2019-08-x.md", "+++\ntitle = \"x\"\nbody\n");
    error_at!(p, "reports/2019-08-x.md:1:1");
}

#[test]
fn report_with_bad_date() {
    let p = Project::new().file("reports/x.md", "+++\ndate = \"2019-02-30\"\n+++\nbody\n");
    error_at!(p, "reports/x.md:2:8");
}

#[test]
fn report_without_date() {
    let p = Project::new().file("reports/notes.md", "Istio\n");
    let stderr = p.check_fails();
    assert!(
        stderr.contains("start the file name with the date"),
        "{stderr}"
    );
    error_at!(p, "reports/notes.md:1:1");
}

#[test]
fn report_in_unknown_encoding() {
    let p = Project::new().bytes("reports/2019-08-x.md", b"Istio caf\xE9 \xFF\xFE");
    let stderr = p.check_fails();
    assert!(stderr.contains("byte offset 9"), "{stderr}");
    error_at!(p, "reports/2019-08-x.md");
}

#[test]
fn binary_file_in_reports() {
    let p = Project::new().bytes("reports/2019-08-x.txt", b"PNG\x00\x01\x02");
    let stderr = p.check_fails();
    assert!(stderr.contains("NUL byte at byte offset 3"), "{stderr}");
    error_at!(p, "reports/2019-08-x.txt");
}

#[test]
fn shift_jis_and_euc_jp_reports_are_decoded() {
    let text = "+++\ndate = 2019-08-01\n+++\nIstio のサービスメッシュを検証した。Istio は便利だが運用は難しい。\n";
    for encoding in [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP] {
        let (bytes, _, _) = encoding.encode(text);
        let p = Project::new().bytes("reports/2019-08-x.md", &bytes);
        let out = p.run(&["mentions", "--format", "csv", "--by", "report"]);
        assert_eq!(out.code, 0, "{}: {}", encoding.name(), out.stderr);
        assert!(
            out.stdout.contains("istio,2019-08-x,2019-08-01,2"),
            "{}: {}",
            encoding.name(),
            out.stdout
        );
    }
}

#[test]
fn utf8_bom_and_crlf_reports_are_read() {
    let p = Project::new().bytes(
        "reports/2019-08-x.md",
        "\u{feff}+++\r\ndate = 2019-08-01\r\n+++\r\nIstio\r\nIstio\r\n".as_bytes(),
    );
    let out = p.run(&["mentions", "--format", "csv", "--by", "report"]);
    assert!(
        out.stdout.contains("istio,2019-08-x,2019-08-01,2"),
        "{}{}",
        out.stdout,
        out.stderr
    );
}

#[test]
fn empty_report_is_a_warning() {
    let p = Project::new().file("reports/2019-08-01-empty.md", "+++\ntitle = \"x\"\n+++\n\n");
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: reports/2019-08-01-empty.md: the report is empty"),
        "{}",
        out.stderr
    );
    let denied = p.run(&["check", "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{}", denied.stderr);
}

#[test]
fn warnings_for_unmentioned_technologies_and_missing_evidence() {
    let p = Project::new().append_radar(
        "\n[technologies.helm]\nname = \"Helm\"\nquadrant = \"tools\"\n\n[[technologies.helm.placements]]\nedition = \"2024-Q3\"\nring = \"trial\"\n",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: radar.toml:16:15: `helm` is never mentioned in any report"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("placement of `helm` in 2024-Q3 has no evidence"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("2 warnings"), "{}", out.stdout);
    let denied = p.run(&["check", "--deny-warnings"]);
    assert_eq!(denied.code, 1);
    insta::assert_snapshot!(denied.stderr);
}

#[test]
fn only_check_prints_every_warning() {
    // Twelve unmentioned technologies without evidence: 24 warnings.
    let mut p = Project::new();
    for i in 0..12 {
        p = p.append_radar(&format!(
            "\n[technologies.t{i}]\nname = \"T{i}\"\nquadrant = \"tools\"\n\n[[technologies.t{i}.placements]]\nedition = \"2024-Q3\"\nring = \"trial\"\n"
        ));
    }
    let count = |stderr: &str| stderr.matches("warning: radar.toml").count();
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(count(&check.stderr), 24, "{}", check.stderr);
    for args in [&["mentions"][..], &["build"]] {
        let out = p.run(args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(count(&out.stderr), 10, "{}", out.stderr);
        assert!(
            out.stderr
                .contains("14 more warnings not shown; `confradar check` lists them all"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn check_reports_every_problem_not_only_the_first() {
    let radar = support::RADAR
        .replace("ring = \"assess\"", "ring = \"asess\"")
        .replace("https://istio.io/", "ftp://istio.io/");
    let p = Project::new()
        .file("radar.toml", &radar)
        .file("reports/notes.md", "no date here\n");
    let stderr = p.check_fails();
    assert!(stderr.contains("unknown ring `asess`"), "{stderr}");
    assert!(stderr.contains("is not an http or https URL"), "{stderr}");
    assert!(
        stderr.contains("reports/notes.md:1:1: the report has no date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("confradar: 3 errors, 0 warnings; nothing was written"),
        "{stderr}"
    );
}

// ---- missing paths and arguments: exit 2 ----

#[test]
fn missing_radar_toml_exits_2_naming_the_path() {
    let out = Project::empty().run(&["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("config file not found: radar.toml"),
        "{}",
        out.stderr
    );
    let out = Project::new().run(&["check", "--config", "elsewhere/radar.toml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("elsewhere/radar.toml"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_reports_folder_exits_2_naming_the_path() {
    let out = Project::empty()
        .file("radar.toml", support::RADAR)
        .run(&["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("reports folder not found: reports"),
        "{}",
        out.stderr
    );
    let out = Project::new().run(&["--reports", "notes", "check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("reports folder not found: notes"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_arguments_exit_2() {
    let p = Project::new();
    assert_eq!(p.run(&["check", "--no-such-flag"]).code, 2);
    assert_eq!(p.run(&["mentions", "--by", "week"]).code, 2);
    let out = p.run(&["mentions", "--tech", "isito"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `istio`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let p = Project::empty()
        .file(
            "conf/radar.toml",
            &support::RADAR.replace("editions", "reports = \"notes\"\neditions"),
        )
        .file("conf/notes/2019-07-22-cndt.md", support::REPORT);
    assert_eq!(p.run(&["--config", "conf/radar.toml", "check"]).code, 0);
    assert_eq!(p.run(&["check", "--config", "conf/radar.toml"]).code, 0);
    let moved = Project::new().file("elsewhere/2019-07-22-cndt.md", support::REPORT);
    std::fs::remove_dir_all(moved.join("reports")).expect("rm");
    assert_eq!(moved.run(&["check", "--reports", "elsewhere"]).code, 0);
}

// ---- mentions ----

/// Two reports in two quarters of one year, plus one the next year.
fn counted() -> Project {
    Project::new()
        .append_radar(
            "\n[technologies.k8s]\nname = \"Kubernetes\"\nquadrant = \"platforms\"\naliases = [\"k8s\"]\n\n[[technologies.k8s.placements]]\nedition = \"2019-Q3\"\nring = \"trial\"\nevidence = [{ report = \"2019-07-22-cndt\" }]\n",
        )
        .file("reports/2019-07-22-cndt.md", &format!("{}k8s と Kubernetes。\n", support::REPORT))
        .file("reports/2019-05-fukuoka.md", "Kubernetesの勉強会。FuKubernetes は数えない。\n")
        .file("reports/2020/2020-02-01-x.txt", "Istio, Istio, Istio\n")
}

#[test]
fn mentions_csv_by_quarter_is_exact() {
    let out = counted().run(&["mentions", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "technology,period,mentions,reports\n\
         istio,2019-Q3,1,1\n\
         istio,2020-Q1,3,1\n\
         k8s,2019-Q2,1,1\n\
         k8s,2019-Q3,2,1\n"
    );
}

#[test]
fn mentions_csv_by_year_and_by_report() {
    let p = counted();
    let out = p.run(&["mentions", "--format", "csv", "--by", "year"]);
    assert_eq!(
        out.stdout,
        "technology,period,mentions,reports\nistio,2019,1,1\nistio,2020,3,1\nk8s,2019,3,2\n"
    );
    let out = p.run(&["mentions", "--format", "csv", "--by", "report"]);
    assert_eq!(
        out.stdout,
        "technology,report,date,mentions\n\
         istio,2019-07-22-cndt,2019-07-22,1\n\
         istio,2020/2020-02-01-x,2020-02-01,3\n\
         k8s,2019-05-fukuoka,2019-05,1\n\
         k8s,2019-07-22-cndt,2019-07-22,2\n"
    );
}

#[test]
fn mentions_tech_filter_and_json() {
    let out = counted().run(&[
        "mentions", "--format", "json", "--tech", "k8s", "--by", "year",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(
        rows,
        serde_json::json!([{"technology": "k8s", "period": "2019", "mentions": 3, "reports": 2}])
    );
}

#[test]
fn mentions_table_aligns_by_display_width() {
    let p = counted().file(
        "radar.toml",
        &std::fs::read_to_string(counted().join("radar.toml"))
            .expect("radar")
            .replace(
                "name = \"Istio\"",
                "name = \"Istio\"\naliases = [\"イスティオ\"]",
            )
            .replace(
                "name = \"Kubernetes\"",
                "name = \"クバネティス\"\naliases = [\"Kubernetes\", \"k8s\"]",
            )
            .replace("aliases = [\"k8s\"]\n", ""),
    );
    let out = p.run(&["mentions", "--by", "year"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
    let widths: Vec<usize> = out
        .stdout
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .collect();
    assert!(
        widths.windows(2).all(|w| w[0] == w[1]),
        "columns line up: {widths:?}"
    );
}

#[test]
fn front_matter_is_not_counted() {
    let p = Project::new().file(
        "reports/2019-08-01-x.md",
        "+++\ntitle = \"Istio Istio\"\n+++\nIstio\n",
    );
    let out = p.run(&["mentions", "--format", "csv", "--by", "report"]);
    assert!(
        out.stdout.contains("istio,2019-08-01-x,2019-08-01,1\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn readme_and_underscore_and_dot_files_are_not_reports() {
    let p = Project::new()
        .file("reports/README.md", "Istio Istio")
        .file("reports/_drafts/2019-08-01-x.md", "Istio")
        .file("reports/.2019-08-01-y.md", "Istio")
        .file("reports/2019-08-01-z.markdown", "Istio");
    let out = p.run(&["mentions", "--format", "csv", "--by", "report"]);
    assert_eq!(
        out.stdout,
        "technology,report,date,mentions\nistio,2019-07-22-cndt,2019-07-22,1\n"
    );
}

#[test]
fn output_is_identical_run_after_run() {
    let p = counted();
    let a = p.run(&["mentions", "--format", "csv", "--by", "report"]);
    let b = p.run(&["mentions", "--format", "csv", "--by", "report"]);
    assert_eq!(a.stdout, b.stdout);
}
