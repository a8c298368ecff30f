//! Terminal output: verbosity, colour, progress. Write errors on stdout and stderr are
//! ignored: a closed pipe (`factsieve run 2>&1 | head -1`) must not panic, and there is
//! nobody left to tell.

use std::io::IsTerminal;
use std::sync::OnceLock;

/// `--color`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set or TERM is dumb.
    #[default]
    Auto,
    Always,
    Never,
}

/// How much the binary says on stderr and whether it colours its streams.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// -1 quiet, 0 normal, 1+ verbose.
    pub verbosity: i8,
    pub color_out: bool,
    pub color_err: bool,
}

static UI: OnceLock<Ui> = OnceLock::new();

/// Colour for a stream: explicit `--color` wins; `auto` colours a terminal when
/// `NO_COLOR` is unset or empty (no-color.org) and `TERM` is not `dumb`.
fn colour_for(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

pub fn init(quiet: bool, verbose: u8, color: ColorChoice) {
    let verbosity = if quiet { -1 } else { verbose.min(3) as i8 };
    let _ = UI.set(Ui {
        verbosity,
        color_out: colour_for(color, std::io::stdout().is_terminal()),
        color_err: colour_for(color, std::io::stderr().is_terminal()),
    });
}

pub fn ui() -> Ui {
    *UI.get().unwrap_or(&Ui {
        verbosity: 0,
        color_out: false,
        color_err: false,
    })
}

pub fn quiet() -> bool {
    ui().verbosity < 0
}

pub fn verbose() -> bool {
    ui().verbosity > 0
}

/// Colours used: few, and only where they carry meaning.
#[derive(Clone, Copy)]
pub enum Paint {
    Red,
    Green,
    Yellow,
    Bold,
}

pub fn paint(on: bool, p: Paint, s: &str) -> String {
    if !on {
        return s.to_string();
    }
    let code = match p {
        Paint::Red => "31",
        Paint::Green => "32",
        Paint::Yellow => "33",
        Paint::Bold => "1",
    };
    format!("\x1b[{code}m{s}\x1b[0m")
}

/// A line of a diff (text rendering or unified diff), coloured by its leading mark.
pub fn diff_line(on: bool, line: &str) -> String {
    let t = line.trim_start();
    if !on || line.starts_with("+++") || line.starts_with("---") {
        return line.to_string();
    }
    if t.starts_with("+ ") || (line.starts_with('+') && line == t) {
        paint(true, Paint::Green, line)
    } else if t.starts_with("- ") || (line.starts_with('-') && line == t) {
        paint(true, Paint::Red, line)
    } else if t.starts_with("~ ") || line.starts_with("@@") {
        paint(true, Paint::Yellow, line)
    } else {
        line.to_string()
    }
}

macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}
/// Always shown on stderr (errors, warnings).
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}
/// Status on stderr, left out with `-q`.
macro_rules! info {
    ($($t:tt)*) => {{
        if !$crate::ui::quiet() {
            errln!($($t)*);
        }
    }};
}
/// Detail on stderr, shown with `-v`.
macro_rules! detail {
    ($($t:tt)*) => {{
        if $crate::ui::verbose() {
            errln!($($t)*);
        }
    }};
}

/// Stage lines: a spinner on a terminal, plain lines otherwise (CI, pipes); nothing with
/// `-q`; with `-v` each stage's time since the start.
pub struct Reporter {
    bar: Option<indicatif::ProgressBar>,
    start: std::time::Instant,
}

impl Reporter {
    pub fn new() -> Self {
        let tty = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = (tty && !quiet()).then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(std::time::Duration::from_millis(100));
            b
        });
        Reporter {
            bar,
            start: std::time::Instant::now(),
        }
    }
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
        detail!(
            "factsieve: done in {:.2} s",
            self.start.elapsed().as_secs_f64()
        );
    }
}

impl factsieve::pipeline::Progress for Reporter {
    fn stage(&self, name: &str, items: usize) {
        if quiet() {
            return;
        }
        let line = if verbose() {
            format!(
                "{name} ({items}) at {:.2} s",
                self.start.elapsed().as_secs_f64()
            )
        } else {
            format!("{name} ({items})")
        };
        match &self.bar {
            Some(b) => b.set_message(line),
            None => errln!("factsieve: {line}"),
        }
    }
}
