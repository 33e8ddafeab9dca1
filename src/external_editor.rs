//! Opening a file in the user's editor at a line: `$VISUAL`, else `$EDITOR`, else `vi`.
//!
//! Editors disagree on how to say "at line N": most take `+N FILE`; Helix, Sublime and Zed
//! take `FILE:N`; VS Code takes `--goto FILE:N`. GUI editors return at once unless told to
//! wait, and apibench must wait to reload the file, so `--wait` is added when missing. An
//! editor we do not know gets the file alone rather than an argument it might misread.

use std::path::Path;
use std::process::Command;

/// An editor setting that cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditorError {
    #[error("cannot parse the editor command `{0}`")]
    Unparsable(String),
    #[error("the editor command is empty; set $EDITOR")]
    Empty,
}

/// The editor command line the user asked for.
pub fn configured() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// The command opening `path` at `line` with `editor` (a shell-quoted command line such as
/// `code --wait` or `"/opt/My Editor/bin/edit" -n`).
pub fn command(editor: &str, path: &Path, line: usize) -> Result<Command, EditorError> {
    let words = shlex::split(editor).ok_or_else(|| EditorError::Unparsable(editor.to_owned()))?;
    let (program, args) = words.split_first().ok_or(EditorError::Empty)?;
    let mut command = Command::new(program);
    command.args(args);
    let name = Path::new(program)
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let at = format!("{}:{line}", path.display());
    let waits = args.iter().any(|a| a == "--wait" || a == "-w");
    match name.as_str() {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "pico" | "emacs" | "emacsclient"
        | "micro" | "kak" | "joe" | "jed" | "mg" | "ne" | "mcedit" | "vis" | "ed" => {
            command.arg(format!("+{line}")).arg(path);
        }
        "hx" | "helix" => {
            command.arg(at);
        }
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => {
            if !waits {
                command.arg("--wait");
            }
            command.arg("--goto").arg(at);
        }
        "subl" | "sublime_text" | "zed" | "zeditor" => {
            if !waits {
                command.arg("--wait");
            }
            command.arg(at);
        }
        _ => {
            command.arg(path);
        }
    }
    Ok(command)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(editor: &str) -> Vec<String> {
        let command = command(editor, Path::new("c.yaml"), 12).unwrap();
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn each_family_of_editors_gets_the_line_its_own_way() {
        assert_eq!(argv("vim"), ["vim", "+12", "c.yaml"]);
        assert_eq!(
            argv("/usr/bin/nvim -u NONE"),
            ["/usr/bin/nvim", "-u", "NONE", "+12", "c.yaml"]
        );
        assert_eq!(argv("hx"), ["hx", "c.yaml:12"]);
        assert_eq!(argv("code"), ["code", "--wait", "--goto", "c.yaml:12"]);
        assert_eq!(argv("code --wait"), ["code", "--wait", "--goto", "c.yaml:12"]);
        assert_eq!(argv("subl -w"), ["subl", "-w", "c.yaml:12"]);
        assert_eq!(argv("my-editor"), ["my-editor", "c.yaml"]);
    }

    #[test]
    fn quoted_paths_with_spaces_survive() {
        assert_eq!(
            argv("\"/opt/My Editor/vim\""),
            ["/opt/My Editor/vim", "+12", "c.yaml"]
        );
    }

    #[test]
    fn an_empty_or_broken_command_is_an_error() {
        assert!(command("", Path::new("c.yaml"), 1).is_err());
        assert!(command("\"unclosed", Path::new("c.yaml"), 1).is_err());
    }
}
