//! libFuzzer target: bytes as a radar file, through the decode, parse and
//! validation that every command starts with. Any panic or hang is a bug;
//! so is a diagnostic that does not name its place in the file.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let diagnostics = match confradar::input::radar::from_bytes("radar.toml", data.to_vec()) {
        Ok((_, diagnostics)) | Err(diagnostics) => diagnostics,
    };
    for d in &diagnostics {
        let place = d.location().unwrap_or_default();
        assert!(place.starts_with("radar.toml:"), "no place: {}", d.render());
        // Rendering quotes the offending line: it must not panic on any span.
        let _ = d.render();
    }
});
