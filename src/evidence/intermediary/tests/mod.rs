//! Fingerprint tests, one file per kind of intermediary plus the bodies without a signature
//! and the HTML reader, with the shared helpers here.

mod cdn;
mod gateways;
mod html;
mod proxies;
mod robustness;
mod shape;

use super::*;

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn generator(kind: GeneratorKind, who: Option<&str>, signals: &[&str], cdn_code: Option<u16>) -> Generator {
    Generator {
        kind,
        who: who.map(str::to_owned),
        signals: strings(signals),
        cdn_code,
    }
}

fn nginx_page(status: &str, product: &str) -> String {
    format!(
        "<html>\r\n<head><title>{status}</title></head>\r\n<body>\r\n<center><h1>{status}</h1></center>\r\n<hr><center>{product}</center>\r\n</body>\r\n</html>\r\n"
    )
}
