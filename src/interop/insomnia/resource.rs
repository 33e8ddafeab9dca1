//! An Insomnia resource (workspace, environment, folder, request…) as the v4 JSON export lists
//! them, flat, each naming its parent; the v5 YAML tree is read into the same list, as Insomnia
//! itself does on import. The part of the model the import needs, read leniently: a missing
//! field is empty, a number where text is expected is its text.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

#[derive(Deserialize, Default)]
pub(super) struct Resource {
    #[serde(rename = "_id")]
    pub(super) id: String,
    /// `workspace`, `environment`, `request_group`, `request`, `grpc_request`, …
    #[serde(rename = "_type")]
    pub(super) kind: String,
    #[serde(rename = "parentId")]
    pub(super) parent: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub(super) name: String,
    #[serde(default, deserialize_with = "text")]
    pub(super) method: String,
    #[serde(default, deserialize_with = "text")]
    pub(super) url: String,
    #[serde(default, deserialize_with = "rows")]
    pub(super) parameters: Vec<Row>,
    /// `:id` in the URL's path, with its value.
    #[serde(default, rename = "pathParameters", deserialize_with = "rows")]
    pub(super) path_parameters: Vec<Row>,
    #[serde(default, deserialize_with = "rows")]
    pub(super) headers: Vec<Row>,
    pub(super) body: Option<InsBody>,
    pub(super) authentication: Option<Value>,
    /// An environment's variables.
    pub(super) data: Option<serde_json::Map<String, Value>>,
    /// A folder's variables, for the requests inside.
    pub(super) environment: Option<Value>,
    pub(super) description: Option<String>,
    #[serde(default, rename = "preRequestScript", deserialize_with = "text")]
    pub(super) pre_request_script: String,
    #[serde(default, rename = "afterResponseScript", deserialize_with = "text")]
    pub(super) after_response_script: String,
    /// A request's `global` (the app's setting, the default), `on` or `off`.
    #[serde(default, rename = "settingFollowRedirects", deserialize_with = "text")]
    pub(super) follow_redirects: String,
}

/// A parameter, header or form field.
#[derive(Deserialize, Default)]
pub(super) struct Row {
    #[serde(default, deserialize_with = "text")]
    pub(super) name: String,
    #[serde(default, deserialize_with = "text")]
    pub(super) value: String,
    #[serde(default, deserialize_with = "flag")]
    pub(super) disabled: bool,
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    #[serde(rename = "fileName")]
    pub(super) file_name: Option<String>,
}

#[derive(Deserialize, Default)]
pub(super) struct InsBody {
    #[serde(rename = "mimeType")]
    pub(super) mime_type: Option<String>,
    pub(super) text: Option<String>,
    #[serde(default, deserialize_with = "rows")]
    pub(super) params: Vec<Row>,
    #[serde(rename = "fileName")]
    pub(super) file_name: Option<String>,
}

/// Any scalar as text (`50` as `"50"`), null as empty.
pub(super) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Null => String::new(),
        other => crate::interop::body::value_text(&other),
    })
}

/// `true`, or anything else as false.
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(Value::deserialize(deserializer)? == Value::Bool(true))
}

/// A list of rows; null as none.
fn rows<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Row>, D::Error> {
    Ok(Option::<Vec<Row>>::deserialize(deserializer)?.unwrap_or_default())
}
