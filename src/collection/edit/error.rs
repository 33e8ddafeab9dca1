//! Why an edit was refused. Every refusal leaves the file as it was; the message says what to
//! do instead (edit by hand, fix the file first, choose again).

use super::super::source_map::YamlPath;
use super::super::{LoadError, LoadProblem};
use crate::collection::RequestPath;
use crate::template::SyntaxError;

/// An edit refused, with why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file does not load as it is; an edit would build on problems.
    #[error("the file has problems to fix first: {0}")]
    FileHasProblems(Box<LoadError>),
    /// The text is not YAML an edit can find its way in.
    #[error("the file does not parse: {0}")]
    Unparsable(String),
    /// The edited text would not load.
    #[error("this edit would break the file ({0}); nothing was changed")]
    WouldBreakFile(LoadProblem),
    /// Taking the item out first would leave a file that does not load.
    #[error("moving would break the file: {0}")]
    MoveWouldBreakFile(LoadProblem),
    /// The edited text loads, but to more than the edit meant (a shared anchor, say).
    #[error(
        "this edit would also change something else (a shared anchor, or a layout apibench cannot edit safely); nothing was changed — edit the file by hand"
    )]
    WouldChangeElsewhere,
    /// What the edit names is not in the collection (any more).
    #[error("{0}")]
    Missing(Missing),
    /// A variable or environment of that name is already there.
    #[error("there is already {0}")]
    AlreadyThere(String),
    /// The file is written in a way this edit cannot change safely.
    #[error("{0}")]
    Layout(Layout),
    /// A value typed in is not what the field takes.
    #[error("`{value}` is not {expected}")]
    Invalid { value: String, expected: &'static str },
    /// A value typed in is not a valid template.
    #[error("bad template: {0}")]
    BadTemplate(SyntaxError),
    /// An edit that changes nothing (an empty list of edits).
    #[error("nothing to change")]
    NothingToChange,
}

/// Something an edit names that is not there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Missing {
    #[error("there is no request `{0}`")]
    Request(RequestPath),
    #[error("there is no folder `{0}`")]
    Folder(String),
    /// A folder the edit itself names by path, gone from the model.
    #[error("no such folder")]
    FolderInModel,
    /// The top level has no folder item to act on.
    #[error("no folder")]
    NoFolder,
    #[error("row {0} is not there")]
    Row(usize),
    #[error("that switched-off row is not there any more")]
    SwitchedOffRow,
    #[error("there is no variable `{0}`")]
    Variable(String),
    #[error("there is no environment `{0}`")]
    Environment(String),
    #[error("the body is not a form")]
    FormBody,
    /// A place in the YAML tree.
    #[error("`{0}` is not there")]
    Node(YamlPath),
    #[error("`{0}` is not there to remove")]
    NodeToRemove(YamlPath),
    #[error("`{seq}` has no item {index}")]
    Item { seq: YamlPath, index: usize },
}

/// A layout of the file that an edit cannot change without risking the bytes around it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Layout {
    #[error("`{0}` is an alias (*anchor); edit it where the anchor is defined")]
    Alias(YamlPath),
    #[error("`{0}` comes from a merge key (<<: *anchor); edit it where the anchor is defined")]
    Merged(YamlPath),
    #[error("`{0}` sits inside a flow mapping; write it there by hand")]
    InFlowMapping(YamlPath),
    #[error("`{0}` has a comment on its line; add the value by hand so the comment stays where it belongs")]
    CommentOnLine(YamlPath),
    #[error("`{0}` is an empty mapping I cannot place a key in")]
    EmptyMapping(YamlPath),
    #[error("`{0}` is a flow mapping; a block value cannot go in it")]
    BlockInFlowMapping(YamlPath),
    #[error("`{0}` has no closing brace")]
    NoClosingBrace(YamlPath),
    #[error("`{0}` is not a mapping")]
    NotAMapping(YamlPath),
    #[error("`{0}` does not name a key")]
    NotAKey(YamlPath),
    #[error("cannot empty the whole file")]
    WholeFile,
    #[error("`{0}` is not the value of a key; edit the file by hand")]
    NotValueOfKey(YamlPath),
    #[error("`{0}` is not the value of a key")]
    SequenceNotValueOfKey(YamlPath),
    #[error("a sequence item without a dash on its first line")]
    ItemWithoutDash,
    #[error("`{0}` is an empty sequence")]
    EmptySequence(YamlPath),
    #[error("`{0}` is not a block sequence I can add to")]
    CannotAddTo(YamlPath),
    #[error("`{0}` is not a block sequence")]
    NotBlockSequence(YamlPath),
    #[error("`{0}` is not an item of a list")]
    NotListItem(YamlPath),
    #[error("`{0}` is a list item; replace the list instead")]
    ListItem(YamlPath),
    #[error("that line is already commented out")]
    AlreadyCommentedOut,
    #[error("that line is not commented out")]
    NotCommentedOut,
    #[error("only rows written as `name: value` lines can be switched off")]
    RowNotALine,
    #[error("a row spanning several lines cannot be switched off; delete it instead")]
    RowOnSeveralLines,
}

impl From<Missing> for EditError {
    fn from(missing: Missing) -> Self {
        EditError::Missing(missing)
    }
}

impl From<Layout> for EditError {
    fn from(layout: Layout) -> Self {
        EditError::Layout(layout)
    }
}
