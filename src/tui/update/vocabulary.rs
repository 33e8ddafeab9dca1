//! What completion offers: the variables a template can use where the user is typing, with
//! their values as written (secrets masked). Read from the app; a leaf of `update`.

use crate::session::RequestId;
use crate::tui::dialogs::Vocabulary;
use crate::tui::state::App;

/// The variables a template typed in a form or the body editor can use, nearest scope first: values set from outside,
/// the request's, the environment's, the collection's. Values as written, secrets masked.
pub(super) fn in_scope(app: &App, collection: Option<usize>, at: Option<&RequestId>) -> Vocabulary {
    let Some(collection) = collection.and_then(|i| app.collection(i)) else {
        return Vocabulary::default();
    };
    let request = at.and_then(|id| app.workspace.request(id)).map(|r| &r.variables);
    let environment = app
        .environment
        .as_ref()
        .and_then(|name| collection.environments.get(name));
    let mut variables: Vec<(String, String)> = Vec::new();
    for scope in [
        Some(&app.overrides),
        request,
        environment,
        Some(&collection.variables),
    ]
    .into_iter()
    .flatten()
    {
        for (name, value) in scope {
            if !variables.iter().any(|(known, _)| known == name) {
                let shown = if crate::secrets::is_secret_param(name) {
                    crate::secrets::mask_written(value.as_str())
                } else {
                    value.as_str().to_owned()
                };
                variables.push((name.clone(), shown));
            }
        }
    }
    Vocabulary { variables }
}
