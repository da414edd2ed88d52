//! `numauth report`'s text form: the terminal report, in the style's language and colours.

use std::io::{self, Write};

use numauth::Lang;

use crate::report::{AdviceRow, Carriers, Report, Warnings, MAX_CAUSES};

use crate::style::Style;

/// Text from the log as the terminal gets it: control characters (an escape sequence that
/// sets the window title or clears the screen, a carriage return that overwrites the line) and
/// the bidirectional overrides are written as `\u{1b}`, as `numauth explain` writes them.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| match unsafe_char(c) {
            true => c.escape_unicode().to_string(),
            false => c.to_string(),
        })
        .collect::<String>()
        .into()
}

fn carriers_text(c: &Carriers) -> String {
    let parts: Vec<String> = [
        ("cmcc", c.cmcc),
        ("cucc", c.cucc),
        ("ctcc", c.ctcc),
        ("?", c.unknown),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(name, n)| format!("{name} {n}"))
    .collect();
    parts.join(" · ")
}

pub fn write(out: &mut impl Write, style: &Style, r: &Report) -> io::Result<()> {
    let lang = style.lang;
    let t = |zh: &'static str, en: &'static str| style.pick(zh, en);
    writeln!(
        out,
        "{}",
        style.bold(&match lang {
            Lang::Zh => format!(
                "共 {} 行，{} 条回调可用，{} 行无法使用，{} 条为未收录的代码",
                r.lines, r.callbacks, r.unusable, r.unknown_codes
            ),
            _ => format!(
                "{} lines: {} callbacks read, {} unusable, {} with codes not in the catalog",
                r.lines, r.callbacks, r.unusable, r.unknown_codes
            ),
        })
    )?;
    writeln!(out, "\n{}", style.bold(t("按类别", "By category")))?;
    for (category, count) in &r.categories {
        let share = if r.callbacks == 0 {
            0.0
        } else {
            *count as f64 * 100.0 / r.callbacks as f64
        };
        writeln!(
            out,
            "  {:<10} {:>6} {:>6.1}%  {}",
            category.as_str(),
            count,
            share,
            style.category(*category, category.label(lang))
        )?;
    }
    write_outcomes(out, style, r)?;
    write_causes(out, style, r)?;
    write_unknown(out, style, r)?;
    write_warnings(out, style, &r.warnings)?;
    if r.unusable > 0 {
        heading(out, style, t("无法使用的行", "Unusable lines"), r.unusable)?;
        for u in &r.unusable_examples {
            match lang {
                Lang::Zh => writeln!(out, "  第 {} 行：{}", u.line, u.error)?,
                _ => writeln!(out, "  line {}: {}", u.line, u.error)?,
            }
        }
    }
    Ok(())
}

fn write_warnings(out: &mut impl Write, style: &Style, w: &Warnings) -> io::Result<()> {
    if *w == Warnings::default() {
        return Ok(());
    }
    writeln!(out, "\n{}", style.bold(style.pick("警告", "Warnings")))?;
    for (n, zh, en) in [
        (
            w.invalid_utf8,
            "行含非 UTF-8 字节，已替换为 U+FFFD 后读取",
            "lines had bytes that are not UTF-8, read with U+FFFD in their place",
        ),
        (
            w.nul_bytes,
            "行含 NUL 字节，已去掉后读取",
            "lines had NUL bytes, read without them",
        ),
    ] {
        if n > 0 {
            writeln!(out, "  {n} {}", style.pick(zh, en))?;
        }
    }
    Ok(())
}

fn write_outcomes(out: &mut impl Write, style: &Style, r: &Report) -> io::Result<()> {
    let lang = style.lang;
    let t = |zh: &'static str, en: &'static str| style.pick(zh, en);
    writeln!(out, "\n{}", style.bold(t("主要结果", "Top outcomes")))?;
    for row in &r.top_outcomes {
        writeln!(
            out,
            "  {:>6} {:>5.1}%  {}  {}\n                 {}: {} ({})\n                 {}: {} ({})",
            row.count,
            row.share,
            style.category(row.category, &format!("{:<24}", row.outcome.as_str())),
            style.dim(&carriers_text(&row.carriers)),
            t("建议", "action"),
            row.action.text(lang),
            row.outcome.title(lang),
            t("处理方", "who acts"),
            row.actor,
            row.actor.label(lang),
        )?;
        write_advice(out, style, &row.advice)?;
    }
    Ok(())
}

/// The advice lines under a row: its text, who acts, and how many callbacks it applied to.
fn write_advice(out: &mut impl Write, style: &Style, rows: &[AdviceRow]) -> io::Result<()> {
    let lang = style.lang;
    for row in rows {
        let a = &row.advice;
        let text = match lang {
            Lang::Zh => &a.zh,
            _ => &a.en,
        };
        writeln!(
            out,
            "                 {}: {} ({}: {}, {} {})",
            style.pick("适用建议", "advice"),
            text,
            style.pick("处理方", "who acts"),
            a.actor.label(lang),
            row.count,
            style.pick("条回调", "callbacks"),
        )?;
    }
    Ok(())
}

fn write_causes(out: &mut impl Write, style: &Style, r: &Report) -> io::Result<()> {
    let lang = style.lang;
    let t = |zh: &'static str, en: &'static str| style.pick(zh, en);
    writeln!(
        out,
        "\n{}",
        style.bold(t(
            "主要根因（运营商或内层代码）",
            "Top root causes (carrier or inner code)"
        ))
    )?;
    if r.top_root_causes.is_empty() {
        writeln!(out, "  {}", t("无", "none"))?;
    }
    for row in &r.top_root_causes {
        writeln!(
            out,
            "  {:>6} {:>5.1}%  {} {}  {}  {}\n                 {}: {}\n                 {}: {} ({})",
            row.count,
            row.share,
            row.source,
            match row.matched {
                Some(m) => format!("{} [{m}]", shown(&row.code)),
                None => shown(&row.code).into_owned(),
            },
            row.message
                .as_deref()
                .unwrap_or(t("（未收录）", "(not in the catalog)")),
            style.dim(&carriers_text(&row.carriers)),
            row.outcome.as_str(),
            row.action.text(lang),
            t("处理方", "who acts"),
            row.actor,
            row.actor.label(lang),
        )?;
        write_advice(out, style, &row.advice)?;
    }
    if r.other_root_causes > 0 {
        writeln!(
            out,
            "  {:>6}         {}",
            r.other_root_causes,
            match lang {
                Lang::Zh => format!("其他根因（超过 {MAX_CAUSES} 种不同根因之后首次出现的）"),
                _ => format!("other root causes (first seen after {MAX_CAUSES} distinct ones)"),
            }
        )?;
    }
    Ok(())
}

/// A section's title with how many it counts, after a blank line.
fn heading(out: &mut impl Write, style: &Style, title: &str, n: usize) -> io::Result<()> {
    writeln!(out, "\n{} ({n})", style.bold(title))
}

/// The unknown top-level codes, each with the message its first callback sent.
fn write_unknown(out: &mut impl Write, style: &Style, r: &Report) -> io::Result<()> {
    if r.unknown_codes == 0 {
        return Ok(());
    }
    let title = style.pick("未收录的代码", "Codes not in the catalog");
    heading(out, style, title, r.unknown_codes)?;
    for row in &r.top_unknown_codes {
        let msg = row
            .raw_msg
            .as_deref()
            .map(|m| format!("  \"{}\"", shown(m)));
        writeln!(
            out,
            "  {:>6} {:>5.1}%  {} {}{}  {}",
            row.count,
            row.share,
            row.source,
            shown(&row.code),
            msg.unwrap_or_default(),
            style.dim(&carriers_text(&row.carriers)),
        )?;
    }
    if r.other_unknown_codes > 0 {
        writeln!(
            out,
            "  {:>6}         {}",
            r.other_unknown_codes,
            match style.lang {
                Lang::Zh => format!("其他未收录代码（报告已存满 {MAX_CAUSES} 种或 1 MiB 之后首次出现的）"),
                _ => format!("other unknown codes (first seen after the report held {MAX_CAUSES} or 1 MiB of them)"),
            }
        )?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::style::ColorChoice;

    /// A report of one unknown code, with `other` callbacks past the cap.
    pub(crate) fn with_others(other: usize) -> Report {
        let log = io::Cursor::new(&b"{\"code\":\"600099\",\"msg\":\"new\"}\n"[..]);
        let mut r = crate::report::build(log, None, numauth::Hint::default(), 5, Lang::En)
            .expect("an in-memory log reads");
        r.other_unknown_codes = other;
        r.unknown_codes += other;
        r
    }

    fn text(r: &Report, lang: Lang) -> String {
        let mut out = Vec::new();
        write(&mut out, &Style::new(Some(lang), ColorChoice::Never), r).expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn other_unknown_codes_get_a_line_only_when_counted() {
        let none = text(&with_others(0), Lang::En);
        assert!(none.contains("Codes not in the catalog (1)"), "{none}");
        assert!(!none.contains("other unknown codes"), "{none}");
        let some = text(&with_others(7), Lang::En);
        assert!(some.contains("Codes not in the catalog (8)"), "{some}");
        assert!(
            some.contains("       7         other unknown codes (first seen after the report held 10000 or 1 MiB"),
            "{some}"
        );
        assert!(text(&with_others(7), Lang::Zh).contains("7         其他未收录代码"));
    }
}
