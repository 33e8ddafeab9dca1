//! What covers the panes: the help screen, a one-line prompt, the finder, or an editing
//! dialog — at most one at a time.

use super::choice::Choice;
use super::confirm::Confirm;
use super::cookies::CookieList;
use super::copy::CopyMenu;
use super::finder::Finder;
use super::form::Form;
use super::help::Help;
use super::past::Past;
use super::prompt::Prompt;
use super::text_editor::TextEditor;
use super::variables::VarsView;

/// What covers the panes.
#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Help(Help),
    Prompt(Prompt),
    /// One or two text fields for an edit.
    Form(Box<Form>),
    Choice(Choice),
    Confirm(Confirm),
    /// The multi-line editor for a body or a description.
    TextEditor(Box<TextEditor>),
    Variables(VarsView),
    Finder(Box<Finder>),
    /// The selected request's past exchanges, from the history.
    Past(Box<Past>),
    /// What can be copied of the selected request and its response.
    Copy(Box<CopyMenu>),
    /// The cookie jar of the selected request's collection.
    Cookies(Box<CookieList>),
}
