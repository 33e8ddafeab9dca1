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

/// Tabs of the request pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
