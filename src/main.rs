use std::process::ExitCode;

fn main() -> ExitCode {
    budgetbox::cli::main()
}
