//! The id enums and their `match self` methods: the taxonomy (category, actor, action, outcome),
//! the sources and platforms, and the enums the schema fixes.

use std::fmt::Write as _;

use super::enums::{emit_enum, emit_method, vars};
use super::{camel, snake, text};
use crate::load::Catalog;
use crate::model::{OutcomeDef, ProvenanceKind, Taxonomy, Translated};

/// The taxonomy's enums: `Category`, `Actor`, `Action`, `AuthOutcome`.
pub(super) fn emit_taxonomy(out: &mut String, c: &Catalog) {
    emit_category_and_actor(out, &c.taxonomy);
    emit_action(out, &c.taxonomy);
    emit_outcome(out, &c.taxonomy);
}

fn emit_category_and_actor(out: &mut String, t: &Taxonomy) {
    emit_enum(
        out,
        "Category",
        "The broad kind of an outcome: exactly one of success, progress, cancelled, failure.\n\n```\nuse numauth::{AuthOutcome, Category};\nassert_eq!(AuthOutcome::UserCancelled.category(), Category::Cancelled);\nassert_eq!(\"failure\".parse::<Category>().unwrap(), Category::Failure);\n```",
        &vars(t.categories.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        false,
    );
    emit_enum(
        out,
        "Actor",
        "Who must act on an outcome.\n\n```\nuse numauth::{Actor, AuthOutcome};\nassert_eq!(AuthOutcome::InvalidConfiguration.actor(), Actor::Developer);\nassert_eq!(AuthOutcome::NoSimCard.actor(), Actor::User);\n```",
        &vars(t.actors.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        false,
    );
    for (name, list) in [("Category", &t.categories), ("Actor", &t.actors)] {
        let _ = writeln!(out, "impl {name} {{");
        let arms: Vec<_> = list
            .iter()
            .map(|x| (camel(&x.name), text(&x.label)))
            .collect();
        emit_method(
            out,
            &format!("A short label in `lang`.\n\n```\nuse numauth::{{{name}, Lang}};\nlet label = {name}::{}.label(Lang::En);\nassert!(!label.is_empty());\n```", camel(&list[0].name)),
            "pub const fn label(self, lang: crate::Lang) -> &'static str",
            &arms,
            ".get(lang)",
        );
        out.push_str("}\n\n");
    }
}

fn emit_action(out: &mut String, t: &Taxonomy) {
    emit_enum(
        out,
        "Action",
        "What to do next about an outcome.\n\n```\nuse numauth::{Action, AuthOutcome, Lang};\nlet action = AuthOutcome::MobileDataDisabled.action();\nassert_eq!(action, Action::EnableMobileData);\nassert!(action.text(Lang::Zh).contains(\"移动数据\"));\n```",
        &vars(t.actions.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        true,
    );
    out.push_str("impl Action {\n");
    let arms: Vec<_> = t
        .actions
        .iter()
        .map(|a| (camel(&a.name), text(&a.text)))
        .collect();
    emit_method(
        out,
        "The action as an instruction, in `lang`.\n\n```\nuse numauth::{Action, Lang};\nassert!(!Action::Retry.text(Lang::En).is_empty());\n```",
        "pub const fn text(self, lang: crate::Lang) -> &'static str",
        &arms,
        ".get(lang)",
    );
    out.push_str("}\n\n");
}

fn emit_outcome(out: &mut String, t: &Taxonomy) {
    emit_enum(
        out,
        "AuthOutcome",
        "What a result code means for the login flow. Every catalog entry maps to exactly one.\n\nIt includes success and progress events, so it is not an error type. Each outcome carries its\n[`Category`], the [`Actor`] who must act, whether a retry can help, a default [`Action`], a title and\nthe text an app may show its end user ([`AuthOutcome::user_text`]).\n\n```\nuse numauth::{lookup, Actor, AuthOutcome, Category, Lang, Source};\nlet entry = lookup(Source::Pns, \"600008\").unwrap();\nlet outcome = entry.outcome();\nassert_eq!(outcome, AuthOutcome::MobileDataDisabled);\nassert_eq!(outcome.category(), Category::Failure);\nassert_eq!(outcome.actor(), Actor::User);\nassert!(outcome.retryable());\nprintln!(\"{}\", outcome.user_text(Lang::Zh));\n```",
        &vars(t.outcomes.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        true,
    );
    out.push_str("impl AuthOutcome {\n");
    let pick = |f: &dyn Fn(&OutcomeDef) -> String| -> Vec<(String, String)> {
        t.outcomes.iter().map(|o| (camel(&o.name), f(o))).collect()
    };
    emit_method(
        out,
        "The outcome's category.\n\n```\nuse numauth::{AuthOutcome, Category};\nassert_eq!(AuthOutcome::Success.category(), Category::Success);\n```",
        "pub const fn category(self) -> Category",
        &pick(&|o| format!("Category::{}", camel(&o.category))),
        "",
    );
    emit_method(
        out,
        "Who must act.\n\n```\nuse numauth::{Actor, AuthOutcome};\nassert_eq!(AuthOutcome::ServerError.actor(), Actor::Vendor);\n```",
        "pub const fn actor(self) -> Actor",
        &pick(&|o| format!("Actor::{}", camel(&o.actor))),
        "",
    );
    emit_method(
        out,
        "Whether the same call can succeed later without a code or configuration change (possibly\nafter the user fixes their device).\n\n```\nuse numauth::AuthOutcome;\nassert!(AuthOutcome::Timeout.retryable());\nassert!(!AuthOutcome::InvalidConfiguration.retryable());\n```",
        "pub const fn retryable(self) -> bool",
        &pick(&|o| o.retryable.to_string()),
        "",
    );
    emit_method(
        out,
        "The recommended next step (an entry may override it).\n\n```\nuse numauth::{Action, AuthOutcome};\nassert_eq!(AuthOutcome::RateLimited.action(), Action::RetryLater);\n```",
        "pub const fn action(self) -> Action",
        &pick(&|o| format!("Action::{}", camel(&o.action))),
        "",
    );
    emit_method(
        out,
        "The broader outcome this one refines, if any (the IDaaS account outcomes refine\n[`AuthOutcome::AccountProblem`]), so that dashboards can group them.\n\n```\nuse numauth::AuthOutcome;\nassert_eq!(AuthOutcome::AccountLocked.parent(), Some(AuthOutcome::AccountProblem));\nassert_eq!(AuthOutcome::Timeout.parent(), None);\n```",
        "pub const fn parent(self) -> Option<AuthOutcome>",
        &pick(&|o| {
            o.parent
                .as_ref()
                .map_or("None".to_owned(), |p| format!("Some(AuthOutcome::{})", camel(p)))
        }),
        "",
    );
    emit_method(
        out,
        "A short title for dashboards, in `lang`.\n\n```\nuse numauth::{AuthOutcome, Lang};\nassert!(!AuthOutcome::Timeout.title(Lang::En).is_empty());\n```",
        "pub const fn title(self, lang: crate::Lang) -> &'static str",
        &pick(&|o| text(&o.title)),
        ".get(lang)",
    );
    emit_method(
        out,
        "The text an app may show its end user, in `lang` (never a vendor's internal wording; the\ncatalog's text for a code is [`Entry::message`](crate::Entry::message)).\n\n```\nuse numauth::{AuthOutcome, Lang};\nlet zh = AuthOutcome::NoSimCard.user_text(Lang::Zh);\nassert!(zh.contains(\"SIM\"));\n```",
        "pub const fn user_text(self, lang: crate::Lang) -> &'static str",
        &pick(&|o| text(&o.message)),
        ".get(lang)",
    );
    out.push_str("}\n\n");
}

pub(super) fn emit_sources(out: &mut String, c: &Catalog) {
    let variants = vars(c.sources.iter().map(|s| (s.id.as_str(), s.doc.as_str())));
    emit_enum(
        out,
        "Source",
        "The SDK or server whose namespace a code belongs to. The same number means different things\nin different sources, so a code is always looked up with its source.\n\nThe declaration order ranks the sources: the most common first.\n\n```\nuse numauth::Source;\nlet source: Source = \"cucc\".parse().unwrap();\nassert_eq!(source, Source::Cucc);\nassert_eq!(source.as_str(), \"cucc\");\nassert!(\"nope\".parse::<Source>().is_err());\n```",
        &variants,
        true,
    );
    out.push_str("impl Source {\n");
    let arms: Vec<_> = c
        .sources
        .iter()
        .map(|s| (camel(&s.id), text(&s.name)))
        .collect();
    emit_method(
        out,
        "The source's human name, in `lang`.\n\n```\nuse numauth::{Lang, Source};\nassert_eq!(Source::Cmcc.name(Lang::Zh), \"中国移动\");\n```",
        "pub const fn name(self, lang: crate::Lang) -> &'static str",
        &arms,
        ".get(lang)",
    );
    out.push_str("}\n\n");

    let variants = vars(
        c.platforms
            .iter()
            .map(|p| (p.name.as_str(), p.doc.as_str())),
    );
    emit_enum(
        out,
        "Platform",
        "A client platform, for codes that exist only on some of them.\n\n```\nuse numauth::{lookup, Platform, Source};\nlet entry = lookup(Source::Pns, \"600024\").unwrap();\nassert_eq!(entry.platforms(), &[Platform::Android]);\n```",
        &variants,
        true,
    );
}

/// The enums whose variants are fixed by the schema itself rather than by a data file.
pub(super) fn emit_schema_enums(out: &mut String) {
    let kinds: Vec<_> = ProvenanceKind::ALL
        .iter()
        .map(|(k, doc)| (snake(k.variant()), *doc))
        .collect();
    let variants = vars(kinds.iter().map(|(id, doc)| (id.as_str(), *doc)));
    emit_enum(
        out,
        "ProvenanceKind",
        "How far a provenance source can be trusted, most trusted first.\n\n```\nuse numauth::ProvenanceKind;\nassert!(ProvenanceKind::SdkHeader < ProvenanceKind::ThirdParty);\n```",
        &variants,
        true,
    );
    let fields: Vec<_> = Translated::ALL
        .iter()
        .map(|(k, doc)| (snake(k.variant()), *doc))
        .collect();
    let variants = vars(fields.iter().map(|(id, doc)| (id.as_str(), *doc)));
    emit_enum(
        out,
        "Translated",
        "A text of an entry that numauth translated because the vendor gives none in that language.\n\n```\nuse numauth::{entries, Translated};\nlet translated = entries().filter(|e| e.translated().contains(&Translated::En)).count();\nassert!(translated < entries().len());\n```",
        &variants,
        true,
    );
}
