//! `html_title` and the character-reference decoder.

use super::*;
use crate::evidence::entities::decode_entities;

#[test]
fn title_is_collapsed_and_decoded() {
    assert_eq!(
        html_title(
            "<html><head><TITLE lang=en>\n  502 &amp; Bad\t&lt;Gateway&gt; &quot;x&quot; &#39;y&#39;\n</TITLE>"
        ),
        Some("502 & Bad <Gateway> \"x\" 'y'".to_owned())
    );
}

#[test]
fn title_falls_back_to_h1_and_strips_tags() {
    assert_eq!(
        html_title("<title>  </title><h1 class=x><span>Error</span><span>1020</span></h1>"),
        Some("Error 1020".to_owned())
    );
    assert_eq!(
        html_title("<titles>no</titles><h1>Yes &#x41;</h1>"),
        Some("Yes A".to_owned())
    );
}

#[test]
fn no_title_or_h1_gives_none() {
    assert_eq!(html_title("<html><body>plain</body></html>"), None);
    assert_eq!(html_title(""), None);
    assert_eq!(html_title("<title"), None);
}

#[test]
fn unknown_and_unterminated_entities_stay() {
    assert_eq!(
        decode_entities("a &bogus; b & c &#xZZ; &#1114112;"),
        "a &bogus; b & c &#xZZ; &#1114112;"
    );
    assert_eq!(
        html_title("<title>Tom &amp Jerry"),
        Some("Tom &amp Jerry".to_owned())
    );
}
