fn main() -> std::process::ExitCode {
    ballot_tracker::cli::main()
}
