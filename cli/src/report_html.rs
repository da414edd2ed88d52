//! `numauth report --format html`: the report as one self-contained HTML file (inline CSS and
//! SVG charts, no script) to attach to a ticket. Every string from the log or the catalog goes
//! through [`esc`], so a callback's message can never become markup.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use clap::ValueEnum;
use numauth::{Lang, DATA_VERSION};

use crate::report::{AdviceRow, Carriers, Report, MAX_CAUSES};
use crate::style::Style;

/// `report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The terminal report.
    Text,
    /// The report as JSON (as `--json`).
    Json,
    /// One self-contained HTML file with charts.
    Html,
}

/// Writes `r` in `format` to `out`.
pub fn write(out: &mut impl Write, format: Format, style: &Style, r: &Report) -> io::Result<()> {
    match format {
        Format::Text => crate::report_text::write(out, style, r),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, r)?;
            writeln!(out)
        }
        Format::Html => out.write_all(html(r, style.lang).as_bytes()),
    }
}

/// Writes `r` to a new file at `path` (`-o`); a text report is written without colour codes.
pub fn to_file(path: &Path, format: Format, style: &Style, r: &Report) -> io::Result<()> {
    let file = File::create(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display())))?;
    let mut out = BufWriter::new(file);
    let plain = Style::new(Some(style.lang), crate::style::ColorChoice::Never);
    write(&mut out, format, &plain, r)?;
    out.flush()
}

/// `text` with the five HTML-special characters escaped (safe in text and quoted attributes).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Chart colours, one per category in the report's (stable, sorted) order.
const PALETTE: [&str; 8] = [
    "#2e7d32", "#0277bd", "#f9a825", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037",
];
/// China Mobile, Unicom, Telecom, not known.
const CARRIER_COLORS: [&str; 4] = ["#1565c0", "#c62828", "#2e7d32", "#9e9e9e"];

const CSS: &str = "body{font:14px/1.5 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}.card b{display:block;font-size:1.6em}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #eee;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}.id{font-family:monospace;color:#555}.legend span{margin-right:1em}.sw{display:inline-block;width:.8em;height:.8em;margin-right:.3em}footer{margin-top:2em;color:#777;font-size:.9em}.advice{margin:.3em 0 0;padding-left:.5em;border-left:3px solid #e0a800}";

/// The advice (`data/advice.yaml`) that applied to a row's callbacks: text, who acts, count.
fn advice_rows(rows: &[AdviceRow], lang: Lang) -> String {
    let mut out = String::new();
    for row in rows {
        let a = &row.advice;
        let text = if lang == Lang::Zh { &a.zh } else { &a.en };
        let _ = write!(
            out,
            "<p class=\"advice\" data-advice=\"{id}\">{text} <small>({actor}, {count})</small></p>",
            id = esc(&a.id),
            text = esc(text),
            actor = esc(a.actor.label(lang)),
            count = row.count,
        );
    }
    out
}

/// Opens a table with a header row of `columns` (text from the catalog or this file, escaped).
fn table_head(h: &mut String, columns: &[&str]) {
    h.push_str("<table><tr>");
    for c in columns {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    h.push_str("</tr>");
}

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        _ => en,
    }
}

/// The whole file.
pub fn html(r: &Report, lang: Lang) -> String {
    let mut h = String::with_capacity(16 << 10);
    let title = t(lang, "numauth 回调日志报告", "numauth callback log report");
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{CSS}</style></head><body><h1>{title}</h1>",
        t(lang, "zh", "en")
    );
    summary(&mut h, r, lang);
    categories(&mut h, r, lang);
    outcomes(&mut h, r, lang);
    causes(&mut h, r, lang);
    unknown_codes(&mut h, r, lang);
    unusable(&mut h, r, lang);
    let _ = writeln!(
        h,
        "<footer>{} numauth · data {}</footer></body></html>",
        t(lang, "生成工具", "Made by"),
        esc(DATA_VERSION)
    );
    h
}

fn summary(h: &mut String, r: &Report, lang: Lang) {
    h.push_str("<div class=\"cards\">");
    for (key, n, label) in [
        ("lines", r.lines, t(lang, "行", "lines")),
        ("callbacks", r.callbacks, t(lang, "条回调", "callbacks")),
        ("unusable", r.unusable, t(lang, "行无法使用", "unusable")),
        (
            "unknown_codes",
            r.unknown_codes,
            t(lang, "条未收录代码", "codes not in the catalog"),
        ),
    ] {
        let _ = write!(
            h,
            "<div class=\"card\"><b data-key=\"{key}\">{n}</b>{label}</div>"
        );
    }
    h.push_str("</div>");
}

/// Horizontal bars, one per category, scaled to the largest.
fn categories(h: &mut String, r: &Report, lang: Lang) {
    let _ = write!(h, "<h2>{}</h2>", t(lang, "按类别", "By category"));
    let max = r.categories.values().copied().max().unwrap_or(0).max(1);
    let row = 26;
    let height = row * r.categories.len().max(1);
    let _ = write!(
        h,
        "<svg role=\"img\" width=\"100%\" viewBox=\"0 0 900 {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, (category, count)) in r.categories.iter().enumerate() {
        let y = i * row;
        let width = (*count as f64 / max as f64 * 560.0).max(1.0);
        let _ = write!(
            h,
            "<g data-category=\"{id}\" data-count=\"{count}\"><text x=\"0\" y=\"{ty}\" font-size=\"13\">{label}</text><rect x=\"220\" y=\"{y2}\" width=\"{width:.1}\" height=\"18\" fill=\"{color}\"/><text x=\"{tx:.1}\" y=\"{ty}\" font-size=\"13\">{count} ({share:.1}%)</text></g>",
            id = esc(category.as_str()),
            ty = y + 17,
            label = esc(category.label(lang)),
            y2 = y + 3,
            color = PALETTE[i % PALETTE.len()],
            tx = 228.0 + width,
            share = percent(*count, r.callbacks),
        );
    }
    h.push_str("</svg>");
}

fn percent(count: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        count as f64 * 100.0 / of as f64
    }
}

/// A stacked bar of the carrier split, with a tooltip of the numbers.
fn carrier_bar(c: &Carriers) -> String {
    let parts = [c.cmcc, c.cucc, c.ctcc, c.unknown];
    let total: usize = parts.iter().sum::<usize>().max(1);
    let mut x = 0.0;
    let mut svg = format!(
        "<svg width=\"160\" height=\"14\" xmlns=\"http://www.w3.org/2000/svg\"><title>cmcc {} · cucc {} · ctcc {} · ? {}</title>",
        c.cmcc, c.cucc, c.ctcc, c.unknown
    );
    for (n, color) in parts.iter().zip(CARRIER_COLORS) {
        let w = *n as f64 / total as f64 * 160.0;
        if *n > 0 {
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" width=\"{w:.1}\" height=\"14\" fill=\"{color}\"/>"
            );
        }
        x += w;
    }
    svg.push_str("</svg>");
    svg
}

fn carrier_legend(h: &mut String, lang: Lang) {
    h.push_str("<p class=\"legend\">");
    let names = [
        t(lang, "中国移动", "China Mobile"),
        t(lang, "中国联通", "China Unicom"),
        t(lang, "中国电信", "China Telecom"),
        t(lang, "未知运营商", "carrier not known"),
    ];
    for (name, color) in names.iter().zip(CARRIER_COLORS) {
        let _ = write!(
            h,
            "<span><i class=\"sw\" style=\"background:{color}\"></i>{name}</span>"
        );
    }
    h.push_str("</p>");
}

fn outcomes(h: &mut String, r: &Report, lang: Lang) {
    let _ = write!(h, "<h2>{}</h2>", t(lang, "主要结果", "Top outcomes"));
    table_head(
        h,
        &[
            t(lang, "结果", "Outcome"),
            t(lang, "次数", "Count"),
            "%",
            t(lang, "运营商", "Carriers"),
            t(lang, "处理方", "Who acts"),
            t(lang, "建议操作", "Recommended action"),
        ],
    );
    for row in &r.top_outcomes {
        let _ = write!(
            h,
            "<tr data-outcome=\"{id}\" data-count=\"{count}\" data-actor=\"{actor_id}\"><td>{title}<br><span class=\"id\">{id}</span></td><td class=\"n\">{count}</td><td class=\"n\">{share:.1}</td><td>{bar}</td><td>{actor}</td><td>{action}<br><small>{advice}</small>{rules}</td></tr>",
            id = esc(row.outcome.as_str()),
            title = esc(row.outcome.title(lang)),
            count = row.count,
            share = row.share,
            bar = carrier_bar(&row.carriers),
            actor = esc(row.actor.label(lang)),
            actor_id = row.actor.as_str(),
            action = esc(row.action.text(lang)),
            advice = esc(row.outcome.user_text(lang)),
            rules = advice_rows(&row.advice, lang),
        );
    }
    h.push_str("</table>");
    carrier_legend(h, lang);
}

fn causes(h: &mut String, r: &Report, lang: Lang) {
    let _ = write!(
        h,
        "<h2>{}</h2>",
        t(
            lang,
            "主要根因（运营商或内层代码）",
            "Top root causes (carrier or inner code)"
        )
    );
    if r.top_root_causes.is_empty() {
        let _ = write!(h, "<p>{}</p>", t(lang, "无", "none"));
        return;
    }
    table_head(
        h,
        &[
            t(lang, "来源与代码", "Source and code"),
            t(lang, "含义", "Meaning"),
            t(lang, "次数", "Count"),
            "%",
            t(lang, "运营商", "Carriers"),
            t(lang, "结果与建议", "Outcome and action"),
        ],
    );
    for row in &r.top_root_causes {
        let code = match row.matched {
            Some(m) => format!("{} [{m}]", row.code),
            None => row.code.clone(),
        };
        let meaning =
            row.message
                .as_deref()
                .unwrap_or(t(lang, "（未收录）", "(not in the catalog)"));
        let _ = write!(
            h,
            "<tr data-cause=\"{source}\" data-count=\"{count}\"><td>{source_name}<br><span class=\"id\">{code}</span></td><td>{meaning}</td><td class=\"n\">{count}</td><td class=\"n\">{share:.1}</td><td>{bar}</td><td><span class=\"id\">{outcome}</span><br>{action}{rules}</td></tr>",
            source = esc(row.source.as_str()),
            source_name = esc(row.source.name(lang)),
            code = esc(&code),
            meaning = esc(meaning),
            count = row.count,
            share = row.share,
            bar = carrier_bar(&row.carriers),
            outcome = esc(row.outcome.as_str()),
            action = esc(row.action.text(lang)),
            rules = advice_rows(&row.advice, lang),
        );
    }
    h.push_str("</table>");
}

/// The unknown top-level codes, with the message each one's first callback sent.
fn unknown_codes(h: &mut String, r: &Report, lang: Lang) {
    if r.unknown_codes == 0 {
        return;
    }
    let title = t(lang, "未收录的代码", "Codes not in the catalog");
    let _ = write!(h, "<h2>{title} ({})</h2>", r.unknown_codes);
    table_head(
        h,
        &[
            t(lang, "来源与代码", "Source and code"),
            t(lang, "日志中的消息（首条）", "Message as logged (first)"),
            t(lang, "次数", "Count"),
            "%",
            t(lang, "运营商", "Carriers"),
        ],
    );
    for row in &r.top_unknown_codes {
        let _ = write!(
            h,
            "<tr data-unknown=\"{source}\" data-count=\"{count}\"><td>{source_name}<br><span class=\"id\">{code}</span></td><td>{msg}</td><td class=\"n\">{count}</td><td class=\"n\">{share:.1}</td><td>{bar}</td></tr>",
            source = esc(row.source.as_str()),
            source_name = esc(row.source.name(lang)),
            code = esc(&row.code),
            msg = esc(row.raw_msg.as_deref().unwrap_or("")),
            count = row.count,
            share = row.share,
            bar = carrier_bar(&row.carriers),
        );
    }
    if r.other_unknown_codes > 0 {
        let _ = write!(
            h,
            "<tr data-unknown=\"other\" data-count=\"{n}\"><td colspan=\"2\">{label}</td><td class=\"n\">{n}</td><td></td><td></td></tr>",
            n = r.other_unknown_codes,
            label = match lang {
                Lang::Zh => format!("其他（报告已存满 {MAX_CAUSES} 种或 1 MiB 之后首次出现的）"),
                _ => format!("others (first seen after the report held {MAX_CAUSES} codes or 1 MiB of them)"),
            },
        );
    }
    h.push_str("</table>");
}

fn unusable(h: &mut String, r: &Report, lang: Lang) {
    if r.unusable == 0 {
        return;
    }
    let _ = write!(
        h,
        "<h2>{} ({})</h2><ul>",
        t(lang, "无法使用的行", "Unusable lines"),
        r.unusable
    );
    for u in &r.unusable_examples {
        let _ = write!(
            h,
            "<li>{} {}: {}</li>",
            t(lang, "行", "line"),
            u.line,
            esc(&u.error)
        );
    }
    h.push_str("</ul>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_unknown_codes_get_a_row_only_when_counted() {
        let row = "<tr data-unknown=\"other\" data-count=\"7\">";
        let none = html(&crate::report_text::tests::with_others(0), Lang::En);
        assert!(none.contains("<tr data-unknown=\"pns\""), "{none}");
        assert!(!none.contains("data-unknown=\"other\""), "{none}");
        let some = html(&crate::report_text::tests::with_others(7), Lang::En);
        assert!(some.contains(row), "{some}");
        assert!(
            some.contains("others (first seen after the report held 10000 codes or 1 MiB of them)")
        );
    }

    #[test]
    fn esc_leaves_no_markup() {
        assert_eq!(
            esc("<img src=x onerror='a&b'>\""),
            "&lt;img src=x onerror=&#39;a&amp;b&#39;&gt;&quot;"
        );
    }
}
