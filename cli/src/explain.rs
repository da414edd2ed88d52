//! `numauth explain`: everything the catalog knows about a code, one block per meaning.

use std::io::{self, Write};

use numauth::{candidates, Entry, Source};
use strum::IntoEnumIterator;

use crate::style::Style;

/// How many message-specific rows a code has in a source, beyond the one shown.
fn message_rows(entry: &Entry) -> usize {
    candidates(entry.code())
        .filter(|e| e.source() == entry.source() && e.is_message_row() && *e != entry)
        .count()
}

/// The error text for a code no searched source knows.
pub fn unknown(code: &str, source: Option<Source>) -> String {
    let searched: Vec<String> = match source {
        Some(s) => vec![s.to_string()],
        None => Source::iter().map(|s| s.to_string()).collect(),
    };
    // The code as the outputs would show it: a phone number typed in by mistake is redacted.
    let code = numauth::redact_text(code);
    format!(
        "unknown code {code:?}: not in the catalog of {} (searched: {}). Check the code, or try `numauth list` to browse.",
        if searched.len() == 1 { "that source" } else { "any source" },
        searched.join(", ")
    )
}

/// `text` padded with spaces to `width` terminal columns (CJK characters take two).
fn pad(text: &str, width: usize) -> String {
    let used: usize = text
        .chars()
        .map(|c| if c >= '\u{1100}' { 2 } else { 1 })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(used).max(1)))
}

pub fn write_text(out: &mut impl Write, style: &Style, entries: &[&Entry]) -> io::Result<()> {
    let lang = style.lang;
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{} {}  {}",
            style.bold(e.source().as_str()),
            style.bold(e.code()),
            e.message(lang)
        )?;
        write_meaning(out, style, e)?;
        write_advice(out, style, e)?;
        write_versions_and_sources(out, style, e)?;
        let more = message_rows(e);
        if more > 0 && !e.is_message_row() {
            writeln!(
                out,
                "  {}",
                style.dim(&match lang {
                    numauth::Lang::Zh => format!("另有 {more} 条按消息区分的含义；在代码后附上消息可精确匹配。"),
                    _ => format!("{more} more meanings depend on the message; pass the message after the code to narrow down."),
                })
            )?;
        }
    }
    Ok(())
}

/// What an entry means: its source, matched message, outcome, who acts, retry and next step.
fn write_meaning(out: &mut impl Write, style: &Style, e: &Entry) -> io::Result<()> {
    let lang = style.lang;
    let outcome = e.outcome();
    let label = |zh: &str, en: &str| style.dim(&pad(style.pick(zh, en), 13));
    writeln!(
        out,
        "  {}{}",
        label("来源", "source"),
        e.source().name(lang)
    )?;
    if let Some(m) = e
        .match_text(lang)
        .or(e.match_text(numauth::Lang::Zh))
        .or(e.match_text(numauth::Lang::En))
    {
        writeln!(out, "  {}{m}", label("匹配消息", "message"))?;
    }
    writeln!(
        out,
        "  {}{} ({})",
        label("结果", "outcome"),
        style.category(e.category(), outcome.as_str()),
        outcome.title(lang)
    )?;
    writeln!(
        out,
        "  {}{} ({})",
        label("类别", "category"),
        e.category(),
        e.category().label(lang)
    )?;
    writeln!(
        out,
        "  {}{} ({})",
        label("处理方", "who acts"),
        e.actor(),
        e.actor().label(lang)
    )?;
    let yes_no = if e.retryable() {
        style.pick("可以", "yes")
    } else {
        style.pick("否", "no")
    };
    writeln!(out, "  {}{yes_no}", label("可重试", "retryable"))?;
    writeln!(
        out,
        "  {}{} ({})",
        label("建议操作", "action"),
        e.action(),
        e.action().text(lang)
    )?;
    if let Some(s) = e.suggestion(lang) {
        writeln!(out, "  {}{s}", label("厂商建议", "vendor says"))?;
    }
    writeln!(
        out,
        "  {}{}",
        label("提示用户", "tell user"),
        outcome.user_text(lang)
    )?;
    Ok(())
}

/// The advice rules (`data/advice.yaml`) for the code, each with when it applies.
fn write_advice(out: &mut impl Write, style: &Style, e: &Entry) -> io::Result<()> {
    let lang = style.lang;
    for rule in numauth::advice_rules(e.source(), e.code()) {
        let mut when: Vec<String> = Vec::new();
        if let Some(p) = rule.platform {
            when.push(p.to_string());
        }
        if let Some((source, code)) = rule.inner {
            when.push(format!("{source} {code}"));
        }
        if let Some(c) = rule.carrier {
            when.push(c.to_string());
        }
        if let Some(m) = rule.message {
            when.push(format!("msg ~ {m}"));
        }
        if let Some((key, values)) = rule.field {
            when.push(format!("{key} = {}", values.join(" | ")));
        }
        if let Some(v) = rule.os_version {
            when.push(format!("os {v}"));
        }
        if let Some(v) = rule.sdk_version {
            when.push(format!("sdk {v}"));
        }
        let text = match lang {
            numauth::Lang::Zh => &rule.advice.zh,
            _ => &rule.advice.en,
        };
        let when = if when.is_empty() {
            String::new()
        } else {
            format!("[{}] ", when.join(", "))
        };
        writeln!(
            out,
            "  {}{when}{text} ({}: {})",
            style.dim(&pad(style.pick("适用建议", "advice"), 13)),
            style.pick("处理方", "who acts"),
            rule.advice.actor.label(lang),
        )?;
    }
    Ok(())
}

/// Where an entry applies (platforms, versions) and where its meaning comes from.
fn write_versions_and_sources(out: &mut impl Write, style: &Style, e: &Entry) -> io::Result<()> {
    let label = |zh: &str, en: &str| style.dim(&pad(style.pick(zh, en), 13));
    if !e.platforms().is_empty() {
        let p: Vec<&str> = e.platforms().iter().map(|p| p.as_str()).collect();
        writeln!(out, "  {}{}", label("平台", "platforms"), p.join(", "))?;
    }
    if let Some(v) = e.since() {
        writeln!(out, "  {}{v}", label("起始版本", "since"))?;
    }
    if let Some(v) = e.until() {
        writeln!(out, "  {}{v}", label("移除版本", "removed in"))?;
    }
    let p: Vec<String> = e
        .provenance()
        .iter()
        .map(|p| format!("{} ({})", p.id(), p.kind()))
        .collect();
    writeln!(out, "  {}{}", label("出处", "provenance"), p.join(", "))?;
    if !e.translated().is_empty() {
        let t: Vec<&str> = e.translated().iter().map(|t| t.as_str()).collect();
        writeln!(
            out,
            "  {}{}",
            label("numauth译文", "translated"),
            t.join(", ")
        )?;
    }
    if let Some(n) = e.note() {
        writeln!(out, "  {}{n}", label("说明", "note"))?;
    }
    Ok(())
}
