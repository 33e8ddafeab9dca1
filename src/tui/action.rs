//! Named actions: what keys do. The order of [`Action::ALL`] is the order of the help screen,
//! and [`Action::name`] is what a keymap file uses, so one list is the source of truth for
//! both.

/// Everything a key can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Send,
    Resend,
    Cancel,
    Retry,
    SwitchEnvironment,
    ToggleResolved,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Select,
    Collapse,
    Expand,
    NextPane,
    PrevPane,
    Widen,
    Narrow,
    ToggleLayout,
    NextTab,
    PrevTab,
    Find,
    Search,
    NextMatch,
    PrevMatch,
    Filter,
    ToggleWrap,
    TogglePasses,
    Edit,
    Add,
    Delete,
    ToggleRow,
    Rename,
    Duplicate,
    Move,
    NewFolder,
    ChangeMethod,
    Variables,
    Save,
    Undo,
    Redo,
    OpenEditor,
    /// Copy the selected response's body to the clipboard.
    CopyBody,
    /// The selected request's past exchanges, from the history.
    PastExchanges,
    /// Save the selected response's body to a file, byte for byte.
    SaveBody,
    Messages,
    Help,
    Quit,
}

impl Action {
    /// Every action, in help-screen order.
    pub const ALL: [Action; 49] = [
        Action::Send,
        Action::Resend,
        Action::Cancel,
        Action::Retry,
        Action::SwitchEnvironment,
        Action::ToggleResolved,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Select,
        Action::Collapse,
        Action::Expand,
        Action::NextPane,
        Action::PrevPane,
        Action::Widen,
        Action::Narrow,
        Action::ToggleLayout,
        Action::NextTab,
        Action::PrevTab,
        Action::Find,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Filter,
        Action::ToggleWrap,
        Action::TogglePasses,
        Action::Edit,
        Action::Add,
        Action::Delete,
        Action::ToggleRow,
        Action::Rename,
        Action::Duplicate,
        Action::Move,
        Action::NewFolder,
        Action::ChangeMethod,
        Action::Variables,
        Action::Save,
        Action::Undo,
        Action::Redo,
        Action::OpenEditor,
        Action::CopyBody,
        Action::PastExchanges,
        Action::SaveBody,
        Action::Messages,
        Action::Help,
        Action::Quit,
    ];

    /// The `snake_case` name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Action::Send => "send",
            Action::Resend => "resend",
            Action::Cancel => "cancel",
            Action::Retry => "retry",
            Action::SwitchEnvironment => "switch_environment",
            Action::ToggleResolved => "toggle_resolved",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Select => "select",
            Action::Collapse => "collapse",
            Action::Expand => "expand",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Widen => "widen",
            Action::Narrow => "narrow",
            Action::ToggleLayout => "toggle_layout",
            Action::NextTab => "next_tab",
            Action::PrevTab => "prev_tab",
            Action::Find => "find",
            Action::Search => "search",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::Filter => "filter",
            Action::ToggleWrap => "toggle_wrap",
            Action::TogglePasses => "toggle_passes",
            Action::Edit => "edit",
            Action::Add => "add",
            Action::Delete => "delete",
            Action::ToggleRow => "toggle_row",
            Action::Rename => "rename",
            Action::Duplicate => "duplicate",
            Action::Move => "move",
            Action::NewFolder => "new_folder",
            Action::ChangeMethod => "change_method",
            Action::Variables => "variables",
            Action::Save => "save",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::OpenEditor => "open_editor",
            Action::CopyBody => "copy_body",
            Action::PastExchanges => "past_exchanges",
            Action::SaveBody => "save_body",
            Action::Messages => "messages",
            Action::Help => "help",
            Action::Quit => "quit",
        }
    }

    /// One line for the help screen.
    pub fn description(self) -> &'static str {
        match self {
            Action::Send => "send the selected request (a send already in flight is kept)",
            Action::Resend => "cancel the send in flight and send the request again",
            Action::Cancel => "cancel the request in flight",
            Action::Retry => "retry when the server's wait is over (arms a retry if it is not yet)",
            Action::SwitchEnvironment => "choose the environment",
            Action::ToggleResolved => "show the request with variables resolved (secrets masked)",
            Action::Up => "move up / scroll up",
            Action::Down => "move down / scroll down",
            Action::PageUp => "scroll a page up",
            Action::PageDown => "scroll a page down",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::Select => "fold or unfold a folder; on a request, open it in the request pane",
            Action::Collapse => "collapse a folder / previous tab",
            Action::Expand => "expand a folder / next tab",
            Action::NextPane => "focus the next pane",
            Action::PrevPane => "focus the previous pane",
            Action::Widen => "make the focused pane bigger (or drag a border with the mouse)",
            Action::Narrow => "make the focused pane smaller",
            Action::ToggleLayout => "put the response beside the request, or back under it",
            Action::NextTab => "next tab of the focused pane",
            Action::PrevTab => "previous tab of the focused pane",
            Action::Find => "find a request by name, folder, method or URL, or run any action by name",
            Action::Search => "search the response body; in the tree, find a request",
            Action::NextMatch => "next search match",
            Action::PrevMatch => "previous search match",
            Action::Filter => "filter a JSON body with a JSONPath like $.data[0]",
            Action::ToggleWrap => "wrap long body lines",
            Action::TogglePasses => "show or hide the checks that passed and each check's id",
            Action::Edit => "edit the selected field, row, body or auth; in the tree, rename",
            Action::Add => "add a row (request pane) or a new request (tree)",
            Action::Delete => "delete the selected row, or the request or folder (asks first)",
            Action::ToggleRow => "switch a header, query or form row off (kept as a comment) or back on",
            Action::Rename => "rename the selected request or folder",
            Action::Duplicate => "duplicate the selected request",
            Action::Move => "move the selected request to another folder",
            Action::NewFolder => "add a folder",
            Action::ChangeMethod => "change the method of the selected request",
            Action::Variables => "edit the collection's variables and environments",
            Action::Save => "save edited collections to their files",
            Action::Undo => "undo the last edit",
            Action::Redo => "redo an undone edit",
            Action::OpenEditor => "open the collection file in $EDITOR at the selected request, then reload",
            Action::CopyBody => {
                "copy the response body to the clipboard (OSC 52: works over SSH and in tmux)"
            }
            Action::PastExchanges => "the request's past exchanges: enter shows one, d on two compares them",
            Action::SaveBody => "save the response body to a file, byte for byte (an existing file is kept)",
            Action::Messages => "every status message of this session, in full",
            Action::Help => "show this help",
            Action::Quit => "quit",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
