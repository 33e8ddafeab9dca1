//! The `apibench` binary: everything lives in the library; this only hands over.

fn main() -> std::process::ExitCode {
    apibench::cli::main()
}
