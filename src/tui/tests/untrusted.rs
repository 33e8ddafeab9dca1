//! Property test: whatever bytes a server sends, in the body or in header values, every
//! response tab and the checklist draw without a panic and keep the status in view.
//!
//! (Whether an escape sequence is shown inert, as visible `␛`, is checked by example in
//! `snapshots.rs`: ratatui's buffer itself drops control and zero-width characters, so a
//! screen cannot show that they leaked; only that they were made visible.)

use proptest::prelude::*;

use crate::diagnosis::tests::Ex;
use crate::tui::state::{Pane, ResponseTab};
use crate::tui::tests::{app, finish, render, select};

/// Bytes weighted towards what attacks a terminal: ESC, CSI, OSC, BEL, C1 and bidi controls.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"\x1b[2J".to_vec()),
        Just(b"\x1b]0;title\x07".to_vec()),
        Just(b"\x1b]52;c;ZWNobw==\x07".to_vec()),
        Just("\u{9b}31m".as_bytes().to_vec()),
        Just("\u{202e}".as_bytes().to_vec()),
        Just(b"\r\n\t\x08\x00".to_vec()),
        Just(b"{\"a\":\"".to_vec()),
        Just(b"\"}".to_vec()),
        prop::collection::vec(any::<u8>(), 0..16),
        "[ -~]{0,16}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_response_draws_on_every_tab(
        body in hostile_bytes(),
        header in hostile_bytes(),
        content_type in prop_oneof![Just("application/json"), Just("text/plain"), Just("application/octet-stream")],
    ) {
        let mut app = app();
        select(&mut app, "List users");
        let mut ex = Ex::get("http://127.0.0.1:8787/v1/users")
            .status(400)
            .res("content-type", content_type)
            .res("x-evil", &String::from_utf8_lossy(&header));
        ex.response_body = body;
        finish(&mut app, &ex);
        app.focus = Pane::Response;
        for tab in ResponseTab::ALL {
            app.response_tab = tab;
            let screen = render(&app, 120, 40);
            prop_assert!(screen.contains("Response · 400"), "the {} tab:\n{}", tab.title(), screen);
        }
    }
}
