//! Printing for people and pipes. `println!` panics when the reader has
//! gone (`portal build --timings | head`), which turns a good build into
//! exit code 101; these macros drop what cannot be written instead, so a
//! command finishes its work and its exit code still says how that went.

/// Like `println!`, but a closed or failing stdout is not an error.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stdout(), $($arg)*);
    }};
}

/// Like `eprintln!`, but a closed or failing stderr is not an error.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr(), $($arg)*);
    }};
}
