//! The panes of the screen and the tabs inside them, in the order focus and tabs cycle.

/// The panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Tree,
    Request,
    Response,
    Checklist,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Tree, Pane::Request, Pane::Response, Pane::Checklist];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Tree => "Collections",
            Pane::Request => "Request",
            Pane::Response => "Response",
            Pane::Checklist => "Checklist",
        }
    }
}

/// How the panes are sized beyond the defaults. What the user chose is remembered between
/// sessions (`layout.yaml` in the config directory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Sizing {
    /// The columns the tree's longest row wants (names, methods, statuses), borders included.
    #[serde(skip)]
    pub tree_wanted: u16,
    /// The response beside the request rather than under it.
    pub response_beside: bool,
    /// Columns the user added to (or took from) the tree.
    pub tree_extra: i16,
    /// Columns the user added to (or took from) the checklist.
    pub checklist_extra: i16,
    /// Rows (or, beside, columns) the user moved the request/response border by.
    pub request_extra: i16,
}

/// The border a drag moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Border {
    /// Between the tree and the middle.
    Tree,
    /// Between the middle and the checklist.
    Checklist,
    /// Between the request and the response.
    Request,
}

/// Tabs of the request pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RequestTab {
    Params,
    Headers,
    Body,
    Auth,
    /// Name, method, description, transport options and request variables.
    Options,
}

impl RequestTab {
    pub const ALL: [RequestTab; 5] = [
        RequestTab::Params,
        RequestTab::Headers,
        RequestTab::Body,
        RequestTab::Auth,
        RequestTab::Options,
    ];

    pub fn title(self) -> &'static str {
        match self {
            RequestTab::Params => "Params",
            RequestTab::Headers => "Headers",
            RequestTab::Body => "Body",
            RequestTab::Auth => "Auth",
            RequestTab::Options => "Options",
        }
    }
}

/// Tabs of the response pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ResponseTab {
    Body,
    Headers,
    Raw,
}

impl ResponseTab {
    pub const ALL: [ResponseTab; 3] = [ResponseTab::Body, ResponseTab::Headers, ResponseTab::Raw];

    pub fn title(self) -> &'static str {
        match self {
            ResponseTab::Body => "Body",
            ResponseTab::Headers => "Headers",
            ResponseTab::Raw => "Raw",
        }
    }
}
