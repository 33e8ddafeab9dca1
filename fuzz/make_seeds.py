#!/usr/bin/env python3
# Writes the committed seed corpus of each fuzz target (fuzz/seeds/<target>/) from the repo's
# own fixtures: collection files, importer samples and responses of the exchange corpus.
# A few small files each; libFuzzer grows its own corpus (fuzz/corpus/, not committed) from
# them. Run from anywhere: python3 fuzz/make_seeds.py
import json
import pathlib
import shutil

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
FIX = ROOT / "tests" / "fixtures"

# The importer of each first byte, as in fuzz_targets/importers.rs.
IMPORTERS = [
    "curl", "har", "postman", "insomnia", "openapi", "openapi-outline",
    "bruno-request.bru", "bruno-collection.bru", "bruno-folder.bru", "bruno-environment.bru",
    "bruno-request.yml", "bruno-opencollection.yml", "posting-request", "posting-dotenv",
    "slumber", "http-file",
]


def write(target, name, data):
    path = SEEDS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def collection_loader():
    for path in [
        ROOT / "collections" / "demo.yaml",
        ROOT / "collections" / "github.yaml",
        FIX / "format_example.yaml",
        FIX / "handwritten.yaml",
        FIX / "broken" / "bad_template.yaml",
        FIX / "broken" / "unknown_variable.yaml",
        FIX / "broken" / "bad_indentation.yaml",
    ]:
        write("collection_loader", path.name, path.read_bytes())
    chain = "".join(f"  v{i}: \"{{{{ v{i + 1} }}}}{{{{ v{i + 1} }}}}\"\n" for i in range(30))
    write(
        "collection_loader",
        "runaway_variables.yaml",
        f"name: Runaway\nvariables:\n{chain}  v30: x\nrequests:\n  - name: Get\n    url: \"https://x/{{{{ v0 }}}}\"\n",
    )


def template():
    seeds = {
        "plain": "https://{{ host }}/v1/users/{{ id }}\0id=42",
        "env": "Bearer {{ env.TOKEN }} {{ env.UNSET }}",
        "nested": "{{ nested }}\0x={{ y }}{{ y }}\0y={{ auth }}",
        "cycle": "{{ a }}",
        "response": '{{ response.Login.body.$.items[1].id }} {{ response.Login.header.X-Request-Id }}',
        "literal": '{{ "{{" }} not a template {{ "}}" }}',
        "json": '{"id": "{{ login_token | json }}", "list": ["{{ host }}", 1, true]}',
        "unclosed": "{{ host",
        # A chain of variables that each use the next twice: an error, not a hang.
        "runaway": "\0".join(
            ["url {{ v0 }}"] + [f"v{i}={{{{ v{i + 1} }}}}{{{{ v{i + 1} }}}}" for i in range(30)] + ["v30=x"]
        ),
    }
    for name, text in seeds.items():
        write("template", name, text)


def importers():
    def seed(kind, name, data):
        write("importers", f"{IMPORTERS.index(kind):02}-{name}", bytes([IMPORTERS.index(kind)]) + data)

    corpus = yaml.safe_load((FIX / "curl" / "corpus.yaml").read_text())
    for case in corpus[:3]:
        seed("curl", case["name"], case["command"].encode())
    seed("har", "shop.har", (FIX / "har" / "shop.har").read_bytes())
    seed("postman", "shop.json", (FIX / "postman" / "shop.postman_collection.json").read_bytes())
    seed("insomnia", "shop.json", (FIX / "insomnia" / "shop.insomnia.json").read_bytes())
    seed("insomnia", "shop.yaml", (FIX / "insomnia" / "shop.insomnia.yaml").read_bytes())
    seed("openapi", "orders-3.0.json", (FIX / "openapi" / "orders-3.0.json").read_bytes())
    seed("openapi", "petstore-3.1.yaml", (FIX / "openapi" / "petstore-3.1.yaml").read_bytes())
    seed("openapi-outline", "petstore-2.0.json", (FIX / "openapi" / "petstore-swagger-2.0.json").read_bytes())
    bru = FIX / "bruno" / "shop"
    seed("bruno-request.bru", "create-product.bru", (bru / "Admin" / "Create product.bru").read_bytes())
    seed("bruno-request.bru", "search.bru", (bru / "Catalog" / "Search.bru").read_bytes())
    seed("bruno-collection.bru", "collection.bru", (bru / "collection.bru").read_bytes())
    seed("bruno-folder.bru", "folder.bru", (bru / "Admin" / "folder.bru").read_bytes())
    seed("bruno-environment.bru", "staging.bru", (bru / "environments" / "Staging.bru").read_bytes())
    yml = FIX / "bruno" / "shop-yml"
    seed("bruno-request.yml", "create-product.yml", (yml / "Admin" / "create-product.yml").read_bytes())
    seed("bruno-opencollection.yml", "opencollection.yml", (yml / "opencollection.yml").read_bytes())
    posting = FIX / "posting" / "shop"
    seed("posting-request", "create.yaml", (posting / "users" / "create.posting.yaml").read_bytes())
    seed("posting-request", "login.yaml", (posting / "auth" / "login.posting.yaml").read_bytes())
    seed("posting-dotenv", "dev.env", (posting / "dev.env").read_bytes())
    seed("slumber", "slumber.yml", (FIX / "slumber" / "slumber.yml").read_bytes())
    seed("slumber", "v3.yml", (FIX / "slumber" / "v3.yml").read_bytes())
    text = (ROOT / "src" / "interop" / "http_file" / "tests.rs").read_text()
    start = text.index('const FILE: &str = r#"') + len('const FILE: &str = r#"')
    seed("http-file", "tests.http", text[start:text.index('"#;', start)].encode())


def responses():
    """(name, message bytes) of some exchanges of the corpus, as HTTP message text."""
    picked = [
        ("platforms", "stripe.yaml"), ("platforms", "anthropic.yaml"), ("platforms", "box.yaml"),
        ("edges", "nginx.yaml"), ("edges", "amazon-s3.yaml"), ("edges", "cloudflare.yaml"),
        ("edges", "kong-gateway.yaml"), ("identity", "auth0.yaml"), ("identity", "keycloak.yaml"),
        ("frameworks", None), ("data", None),
    ]
    out = []
    for folder, name in picked:
        files = sorted((ROOT / "tests" / "corpus" / folder).glob("*.yaml"))
        path = files[0] if name is None else ROOT / "tests" / "corpus" / folder / name
        doc = yaml.safe_load(path.read_text())
        for exchange in doc["exchanges"]:
            response = exchange.get("response")
            if not response:
                continue
            headers = response.get("headers") or {}
            pairs = headers.items() if isinstance(headers, dict) else headers
            body = response.get("body", "")
            if not isinstance(body, str):
                body = json.dumps(body)
            lines = [f"HTTP/1.1 {response['status']} {response.get('reason', '')}".rstrip()]
            lines += [f"{n}: {v}" for n, v in pairs]
            out.append((f"{path.stem}", ("\n".join(lines) + "\n\n" + body).encode()))
            break
    return out


def checklist_parsers_and_diagnosis():
    for i, (name, message) in enumerate(responses()):
        write("checklist_parsers", name, message)
        # Ad hoc, or sent from request 1-3 of the target's collection; now and then staging,
        # an earlier 200, or a failure.
        how = (i % 4) | (0b100 if i % 3 == 0 else 0) | (0b1_0000 if i % 2 else 0)
        write("diagnosis", name, bytes([how]) + message)
    write("diagnosis", "connect-failure", bytes([0b1000]) + b"HTTP/1.1 3 \n\nconnection refused\ntcp connect error\n")


if __name__ == "__main__":
    shutil.rmtree(SEEDS, ignore_errors=True)
    collection_loader()
    template()
    importers()
    checklist_parsers_and_diagnosis()
