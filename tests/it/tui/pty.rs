//! End to end: the real binary in a pseudo-terminal, read through a VT100 emulator like a
//! person's terminal. Launch `apibench demo`, send two requests, quit, and check the
//! terminal came back as it was.

use std::sync::Arc;

use crate::support::handwritten_copy;
use crate::support::pty::PtySession;

/// `apibench demo` in this checkout, its tree drawn.
fn demo_session(env: &[(&str, &str)]) -> (PtySession, Arc<crate::support::pty::Screen>) {
    let session = PtySession::start(
        &["demo", "--port", "0"],
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        env,
    );
    let screen = Arc::clone(&session.screen);
    screen.wait_for("List users");
    (session, screen)
}

#[test]
fn demo_sends_two_requests_and_restores_the_terminal() {
    let (mut session, screen) = demo_session(&[]);
    assert!(
        screen.lock().screen().alternate_screen(),
        "the TUI runs on the alternate screen"
    );
    session.press(b"s");
    screen.wait_for("200 OK — no problems");
    session.press(b"js");
    screen.wait_for("401 Unauthorized — 1 problem");
    screen.wait_for("Credentials were sent");
    session.press(b"q");
    let (success, screen) = session.wait_exit();
    assert!(success);
    screen.expect("leaving the alternate screen", |s| !s.alternate_screen());
    let parser = screen.lock();
    let restored = parser.screen();
    assert!(!restored.alternate_screen(), "left the alternate screen");
    assert!(!restored.hide_cursor(), "the cursor is visible again");
    assert_eq!(
        restored.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting is off"
    );
}

#[test]
fn editing_a_url_and_saving_writes_only_that_value() {
    let (dir, path, original) = handwritten_copy();
    let mut session = PtySession::start(&["shop.yaml"], dir.path(), &[]);
    let screen = Arc::clone(&session.screen);
    screen.wait_for("List orders");
    // To the request pane; edit the URL under the cursor; clear it; type; apply; save.
    session.press(b"\te");
    screen.wait_for("enter apply");
    session.press(b"\x15https://api.example.com/v2/orders\r");
    screen.wait_for("GET https://api.example.com/v2/orders");
    // The status bar, not the URL being typed (which says "unsaved" before it is applied).
    screen.wait_for("● 1 unsaved");
    session.press(b"\x13");
    screen.wait_for("saved shop.yaml");
    session.press(b"q");
    let (success, _) = session.wait_exit();
    assert!(success);
    let expected = original.replace(
        "url: \"{{ base_url }}/v1/orders\"\n    query",
        "url: \"https://api.example.com/v2/orders\"\n    query",
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

#[cfg(unix)]
#[test]
fn the_editor_opens_on_the_file_and_its_changes_are_loaded_after() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path, _) = handwritten_copy();
    // An "editor" that renames a request the way a person would, then exits.
    let editor = dir.path().join("edit.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/Create order/Place order/' \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.to_string_lossy().into_owned();
    let mut session = PtySession::start(&["shop.yaml"], dir.path(), &[("EDITOR", &editor), ("VISUAL", "")]);
    let screen = Arc::clone(&session.screen);
    screen.wait_for("Create order");
    session.press(b"o");
    screen.wait_for("Place order");
    assert!(
        screen.lock().screen().alternate_screen(),
        "back on the TUI's screen"
    );
    session.press(b"q");
    let (success, _) = session.wait_exit();
    assert!(success, "no unsaved edits: quits at once");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("- name: Place order")
    );
}

#[cfg(unix)]
#[test]
fn stopped_from_outside_with_unsaved_edits_the_edits_are_written_beside_the_file() {
    let (dir, path, original) = handwritten_copy();
    let mut session = PtySession::start(&["shop.yaml"], dir.path(), &[]);
    let screen = Arc::clone(&session.screen);
    screen.wait_for("List orders");
    session.press(b"\te\x15https://api.example.com/unsaved\r");
    // The status bar, not the URL being typed (which says "unsaved" before it is applied).
    screen.wait_for("● 1 unsaved");
    let pid = session.pid().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let (success, _) = session.wait_exit();
    assert!(!success, "stopped with unsaved edits is a failure, not exit 0");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "the file is untouched"
    );
    let copy = std::fs::read_to_string(dir.path().join("shop.yaml.apibench-unsaved")).unwrap();
    assert!(
        copy.contains("url: \"https://api.example.com/unsaved\""),
        "{copy}"
    );

    // The next start asks what to do with them: restore brings them back as unsaved edits
    // and deletes the copy.
    let mut again = PtySession::start(&["shop.yaml"], dir.path(), &[]);
    again.screen.wait_for("stopped with unsaved edits");
    again.press(b"r");
    again.screen.wait_for("restored the edits of an earlier session");
    again.screen.wait_for("● 1 unsaved");
    assert!(!dir.path().join("shop.yaml.apibench-unsaved").exists());
    again.press(b"q");
    again.screen.wait_for("save and quit");
    again.press(b"d");
    let (success, _) = again.wait_exit();
    assert!(success);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

/// `ctrl-p` finds a request by a few letters and enter opens it; typed again it runs an
/// action by name; `/` in the tree finds requests only. In the real binary, keys as typed.
#[test]
fn the_finder_opens_a_request_and_runs_an_action_by_name() {
    let (mut session, screen) = demo_session(&[]);
    session.press(b"\x10"); // ctrl-p
    screen.wait_for("find:");
    session.press(b"crash");
    screen.wait_for("/v1/crash");
    session.press(b"\r");
    screen.wait_for("Crash · no environment");
    session.press(b"\t\t\t/"); // back to the tree, then /
    screen.wait_for("find:");
    session.press(b"gateway timeout\r");
    screen.wait_for("Server errors/Gateway timeout");
    session.press(b"\x10");
    screen.wait_for("find:");
    session.press(b"show this help\r");
    screen.wait_for("cancel the send in flight and send the request again");
    session.press(b"q"); // closes the help
    screen.expect("the help closes", |s| {
        !s.contents().contains("send the request again")
    });
    session.press(b"q");
    let (success, _) = session.wait_exit();
    assert!(success);
}

/// A `theme.yaml` in the config directory picks the light palette and sets a colour by
/// name: the focused pane's border is drawn in it.
#[test]
fn a_theme_file_colours_the_screen() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("theme.yaml"),
        "base: light\ncolors:\n  accent: \"#112233\"\n",
    )
    .unwrap();
    let dir = config.path().to_str().unwrap();
    let (mut session, screen) = demo_session(&[("APIBENCH_CONFIG_DIR", dir), ("NO_COLOR", "")]);
    screen.expect("the focused border in the theme's accent", |s| {
        s.cell(0, 0)
            .is_some_and(|c| c.fgcolor() == vt100::Color::Rgb(0x11, 0x22, 0x33))
    });
    session.press(b"q");
    let (success, _) = session.wait_exit();
    assert!(success);
}

/// The layout the user left is there at the next start: `|` puts the response beside the
/// request, and a new session opens that way.
#[test]
fn the_layout_is_remembered_between_sessions() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_str().unwrap();
    let cwd = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside = |s: &vt100::Screen| {
        // Under: the response's frame starts on a row of its own; beside: on the first row.
        s.contents()
            .lines()
            .next()
            .is_some_and(|top| top.contains("╭ Response"))
    };
    let mut session = PtySession::start(&["demo", "--port", "0"], cwd, &[("APIBENCH_CONFIG_DIR", dir)]);
    session.screen.wait_for("List users");
    assert!(!beside(session.screen.lock().screen()));
    session.press(b"|");
    session.screen.expect("the response beside the request", beside);
    session.press(b"q");
    assert!(session.wait_exit().0);
    // Written on a blocking task, which the runtime finishes before the process ends.
    assert!(config.path().join("layout.yaml").exists());

    let mut again = PtySession::start(&["demo", "--port", "0"], cwd, &[("APIBENCH_CONFIG_DIR", dir)]);
    again.screen.wait_for("List users");
    again
        .screen
        .expect("the response still beside the request", beside);
    again.press(b"q");
    assert!(again.wait_exit().0);
}

/// Outside a checkout the demo says up front that its collection is built in, refuses an
/// edit before anything is typed, and `--write-collection` writes the file to edit.
#[test]
fn the_built_in_demo_says_so_and_writes_its_collection_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = PtySession::start(&["demo", "--port", "0"], dir.path(), &[]);
    session.screen.wait_for("the demo collection is built in");
    assert!(
        !session.screen.contents().contains("not watching"),
        "{}",
        session.screen.contents()
    );
    session.press(b"\te");
    session.screen.wait_for("has no file to save to");
    session.press(b"q");
    assert!(session.wait_exit().0);

    let mut session = PtySession::start(&["demo", "--port", "0", "--write-collection"], dir.path(), &[]);
    session.screen.wait_for("List users");
    assert!(!session.screen.contents().contains("built in"));
    session.press(b"q");
    assert!(session.wait_exit().0);
    let written = std::fs::read_to_string(dir.path().join("collections/demo.yaml")).unwrap();
    assert!(written.contains("name: Demo API"), "{written}");
}

/// Completion and resizing in the real binary: `{{` offers the variables in scope and tab
/// takes one; `>` widens the focused pane.
#[test]
fn completion_offers_variables_and_panes_resize_in_the_real_terminal() {
    let (mut session, screen) = demo_session(&[]);
    let tree_width = |s: &vt100::Screen| {
        s.contents()
            .lines()
            .next()
            .and_then(|top| top.find("╮"))
            .unwrap_or(0)
    };
    let before = tree_width(screen.lock().screen());
    session.press(b">>");
    screen.expect("the tree is wider", |s| tree_width(s) > before);

    session.press(b"\te\x15{{ ba");
    screen.wait_for("base_url http://127.0.0.1");
    session.press(b"\t");
    screen.wait_for("url  {{ base_url }}");
    session.press(b"\x1b");
    screen.expect("the form closes", |s| {
        !s.contents().contains("url  {{ base_url }}")
    });
    session.press(b"q");
    assert!(session.wait_exit().0);
}

/// Quit and start again: the login of the first session still feeds the second's chained
/// request (it is not sent again: its status in the tree stays the remembered one), and the
/// checklist says the token is from a response kept from an earlier session.
#[test]
fn a_login_from_an_earlier_session_still_feeds_chained_requests() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_str().unwrap();
    let data = config.path().join("data");
    let data = data.to_str().unwrap();
    let env = [("APIBENCH_CONFIG_DIR", dir), ("APIBENCH_DATA_DIR", data)];
    let cwd = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let find = |session: &mut PtySession, what: &[u8], title: &str| {
        session.press(b"\x10"); // ctrl-p
        session.screen.wait_for("find:");
        session.press(what);
        session.press(b"\r");
        session.screen.wait_for(title);
    };

    let mut first = PtySession::start(&["demo", "--port", "0"], cwd, &env);
    first.screen.wait_for("List users");
    find(&mut first, b"log in", "Auth/Log in ·");
    first.press(b"s");
    first.screen.wait_for("200 OK — no problems");
    first.press(b"q");
    assert!(first.wait_exit().0);

    let mut second = PtySession::start(&["demo", "--port", "0"], cwd, &env);
    second.screen.wait_for("List users");
    find(&mut second, b"admin stats", "Auth/Admin stats ·");
    second.press(b"s");
    second.screen.wait_for("403 Forbidden");
    second.press(b"p"); // the passed checks too
    second.screen.expect("the token's origin in the checklist", |s| {
        s.contents().contains("earlier")
    });
    second.press(b"q");
    assert!(second.wait_exit().0);
}
