//! The dialogs: the help screen, the prompt, and the editing dialogs. Each file is one
//! dialog — its state, its keys, what its answer asks for, and its drawing — and none of
//! them touches the app: an answer is worked out against the workspace and handed to
//! `update` to carry out ([`Answer`]).

mod answer;
mod choice;
mod completion;
mod confirm;
mod cookies;
mod copy;
mod edits;
mod finder;
mod form;
mod help;
mod kinds;
mod overlay;
mod past;
mod pasted;
mod prompt;
mod text_editor;
mod variables;

pub use answer::{Answer, Then, template};
pub use choice::{Choice, ChoiceKey, ChoicePurpose, Chosen, NO_ENVIRONMENT};
pub use completion::Vocabulary;
pub use confirm::{Confirm, ConfirmKey, Confirmed, Question, conflict_text};
pub use cookies::{CookieList, CookiesKey, rows_of};
pub use copy::{COPY_LIMIT, CopyKey, CopyMenu};
pub use edits::{AuthPart, set_auth};
pub use finder::{Finder, FinderKey, Found, Scope};
pub use form::{Form, FormKey, FormPurpose, TextInput};
pub use help::{Help, HelpKey, HelpRows, Page};
pub use kinds::{AuthKind, BodyKind, Method};
pub use overlay::Overlay;
pub use past::{Past, PastKey};
pub use prompt::{Prompt, PromptKey, PromptKind};
pub use text_editor::{EditorKey, TextEditor, TextKind, text_of};
pub use variables::{VarRow, VarsKey, VarsView, var_rows};
