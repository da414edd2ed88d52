//! A top-level callback put together, and the typed-callback entry point.

use super::*;
use crate::advice::{advise, confirmed_rule, with_payload_versions};

/// What lies under a callback's own code, taken out of its parts, and how to read it.
pub(super) struct Under<'a> {
    pub(super) inner_code: Option<Keyed<'a, Cow<'a, str>>>,
    pub(super) inner_msg: Option<Keyed<'a, Cow<'a, str>>>,
    /// The inner message's text, cloned once (cheap while it borrows).
    pub(super) inner_text: Option<Cow<'a, str>>,
    pub(super) carrier_data: Option<Keyed<'a, Val<'a>>>,
    /// The carrier the payload names.
    pub(super) carrier: Option<Carrier>,
    pub(super) level: usize,
    /// The callback's own namespace.
    pub(super) source: Source,
    pub(super) strict: bool,
    /// The first hard error met (strict mode).
    pub(super) err: Option<ParseError>,
}

impl<'a> Under<'a> {
    /// A cause named in `msg`, unless it is `own`; hard errors kept per the mode.
    fn named(&mut self, msg: &Cow<'a, str>, own: &str) -> Option<Box<Normalized<'a>>> {
        let r = message_cause(msg, self.carrier, self.level, own, self.source);
        soften(r, &mut self.err, self.strict)
    }

    /// The cause in the carrier data, and whether the inner code repeats it (iOS gives the
    /// carrier's code twice, innerCode and the data, and the message only once).
    fn data(&mut self, own: &str) -> (Option<Box<Normalized<'a>>>, bool) {
        let from_data = match &self.carrier_data {
            Some((_, val)) => {
                // Getui's `metadata` is the carrier's only under its carrier error (-40001);
                // under any other code, its own server's answer.
                let r = match self.source.server() {
                    Some(server) if !self.source.carrier_data_under(own) => {
                        server_cause(val, server, self.level)
                    }
                    _ => data_cause(val, self.carrier, self.level, self.source),
                };
                soften(r, &mut self.err, self.strict)
            }
            None => None,
        };
        let mut from_data = from_data.filter(|c| c.code != own);
        let mut merged = false;
        if let (Some(c), Some((_, ic))) = (from_data.as_mut(), &self.inner_code) {
            if c.code == *ic {
                merged = true;
                if let (None, Some(text)) = (&c.raw_msg, &self.inner_text) {
                    set_message(c, CodeRows::of(&c.code), text.clone());
                }
            }
        }
        (from_data, merged)
    }

    /// Fusion's one-tap inner code as the cause, with what lies under it.
    fn one_tap(
        &mut self,
        mut one_tap: Normalized<'a>,
        from_data: Option<Box<Normalized<'a>>>,
    ) -> (Option<Box<Normalized<'a>>>, Origin) {
        let mut best = Best::default();
        best.offer(Origin::Data, from_data);
        if !best.settled() {
            if let Some(m) = self.inner_text.take() {
                let named = self.named(&m, &one_tap.code);
                best.offer(Origin::Message, named);
                self.inner_text = Some(m);
            }
        }
        let origin = match best.origin {
            Some(Origin::Data) => Origin::InnerAndData,
            _ => Origin::Inner,
        };
        one_tap.root_cause = best.cause;
        one_tap.carrier = deepest_carrier(&one_tap);
        follow(&mut one_tap);
        (Some(Box::new(one_tap)), origin)
    }

    /// The inner code as a node of its own namespace, with the code its message names under it
    /// (China Unicom's `410002` with `code:1105msg:参数信息错误[apiKey有误]`), as a carrier's
    /// data and result give theirs.
    fn inner_node(&mut self, ic: &Cow<'a, str>) -> Box<Normalized<'a>> {
        let rows = CodeRows::of(ic);
        let text = self.inner_text.clone();
        let s = inner_source(
            ic,
            rows,
            text.as_deref(),
            self.carrier,
            &Marks::default(),
            CodeKey::Named,
            self.source,
        );
        let mut c = node(rows, s, ic.clone(), text);
        c.carrier = Carrier::from_source(s).or(self.carrier);
        if let Some(m) = self.inner_text.clone() {
            c.root_cause = self.named(&m, ic).filter(|cause| cause.known);
            follow(&mut c);
        }
        Box::new(c)
    }

    /// The best cause of an app SDK's callback `n`: carrier data, inner code, or a code named
    /// in the inner message or the message; and where it came from.
    fn app_cause(&mut self, n: &Normalized<'a>) -> (Option<Box<Normalized<'a>>>, Option<Origin>) {
        let (from_data, merged) = self.data(&n.code);
        let one_tap = match (&self.inner_code, self.source) {
            (Some((_, ic)), Source::Fusion) => fusion_inner(ic, self.inner_text.clone()),
            _ => None,
        };
        if let Some(one_tap) = one_tap {
            let (cause, origin) = self.one_tap(one_tap, from_data);
            return (cause, Some(origin));
        }
        // An informative cause in the data is never displaced (`Best` keeps the first one that
        // says something), so the inner code is read only when the data says nothing.
        let data_says = from_data.as_deref().is_some_and(informative);
        let from_inner = match self.inner_code.as_ref().map(|(_, ic)| ic.clone()) {
            Some(ic) if ic != n.code && !data_says => Some(self.inner_node(&ic)),
            _ => None,
        };
        let mut best = Best::default();
        let data_origin = if merged {
            Origin::InnerAndData
        } else {
            Origin::Data
        };
        best.offer(data_origin, from_data);
        best.offer(Origin::Inner, from_inner);
        let inner_text = self.inner_text.take();
        for m in [inner_text.as_ref(), n.raw_msg.as_ref()]
            .into_iter()
            .flatten()
        {
            if !best.settled() {
                let named = self.named(m, &n.code);
                best.offer(Origin::Message, named);
            }
        }
        self.inner_text = inner_text;
        // Getui's HarmonyOS SDK puts in an object under `data` what its other SDKs put in `msg`.
        if !best.settled() {
            if let Some(data) = data_object(n) {
                let named = self.named(&data, &n.code);
                best.offer(Origin::Message, named);
            }
        }
        (best.cause, best.origin)
    }

    /// Keeps in `n.extra` what no cause used up. Takes the fields out of `self` (by reference:
    /// moved whole, `Under` was copied on every call).
    fn keep_unused(&mut self, n: &mut Normalized<'a>, origin: Option<Origin>) {
        let data_used = matches!(origin, Some(Origin::Data | Origin::InnerAndData));
        let inner_used = matches!(origin, Some(Origin::Inner | Origin::InnerAndData));
        if let Some((key, val)) = self.carrier_data.take().filter(|_| !data_used) {
            let value = super::super::extra::extra_value(&key, val, self.level);
            n.extra.push((key, value));
        }
        let cause_has_text = n.root_cause.as_ref().is_some_and(|c| c.raw_msg.is_some());
        // Two `if let`s, not a loop over both: building and dropping the array cost more than
        // the rest of this function when, as most often, both are empty.
        if !inner_used {
            if let Some((key, value)) = self.inner_code.take() {
                n.extra.push((key, ExtraValue::Text(value)));
            }
        }
        if !inner_used || !cause_has_text {
            if let Some((key, value)) = self.inner_msg.take() {
                n.extra.push((key, ExtraValue::Text(value)));
            }
        }
    }
}

/// Resolves a top-level callback, with its advice. In strict mode, fails with the first hard error (nesting too
/// deep) met while decoding causes; in lenient mode, always succeeds.
///
/// Takes the parts out of `p` (passed by reference: moved as a whole, its 288 bytes were copied).
pub(crate) fn resolve_top<'a>(
    p: &mut Parts<'a>,
    hint: Hint,
    strict: bool,
) -> Result<Normalized<'a>, ParseError> {
    let rows = CodeRows::of(&p.code);
    let source = top_source(p, &hint, rows);
    let (msg, data_is_message) = top_message(p, source);
    let mut n = node(rows, source, std::mem::take(&mut p.code), msg);
    if let Some(platform) = hint.platform {
        node::on_platform(&mut n, rows, platform);
    }
    n.request_id = p.request_id.take();
    std::mem::swap(&mut n.extra, &mut p.extra); // not assigned: see `resolve_inner`
    if data_is_message {
        n.extra
            .retain(|(k, v)| !(k.eq_ignore_ascii_case("data") && matches!(v, ExtraValue::Text(_))));
    }
    // A vendor code that wraps one carrier's errors (GeeTest `-40101`) names that carrier,
    // before a carrier field (`operatorType`, which may name another SIM's).
    let wraps = wrapped_carrier(rows, source, n.raw_msg.as_deref());
    let inner_msg = p.inner_msg.take();
    let mut under = Under {
        inner_code: p.inner_code.take(),
        inner_text: inner_msg.as_ref().map(|(_, m)| m.clone()),
        inner_msg,
        carrier_data: p.carrier_data.take(),
        carrier: wraps.or(p.carrier),
        level: p.level,
        source,
        strict,
        err: None,
    };
    let mut origin = None;
    if source.is_app() {
        let (cause, from) = under.app_cause(&n);
        n.root_cause = cause;
        origin = from;
        // The SDK's own layer underneath (Getui's `errorCode` object) belongs to the same
        // callback: its request id (`processId`) is the callback's when it has none of its own.
        let layer = source.inner();
        if n.request_id.is_none() {
            n.request_id = (n.root_cause.as_deref())
                .filter(|c| Some(c.source) == layer)
                .and_then(|c| c.request_id.clone());
        }
    } else if let Some(own) = Carrier::from_source(source) {
        // A carrier's result naming its own inner code in the message (`code:1105msg:...`).
        under.carrier = under.carrier.or(Some(own));
        let named = match &n.raw_msg {
            Some(msg) => under.named(msg, &n.code),
            None => None,
        };
        n.root_cause = named.filter(|c| c.known);
    }
    let carrier = p.carrier;
    let err = under.err.take();
    under.keep_unused(&mut n, origin);
    follow(&mut n);
    n.carrier = payload_carrier(&n, carrier, wraps);
    // Here, not in `normalize_with`: there, the result was copied to reach into it.
    let hint = with_payload_versions(hint, &n.extra);
    n.advice = advise(&n, &hint);
    // A rule that facts of this failure confirmed says who fixes it and how, as the code
    // alone cannot (China Unicom's 应用无效 under 600012 is the developer's to fix, not the
    // user's to get round).
    if let Some(rule) = n.advice.as_ref().and_then(|a| confirmed_rule(&n, &hint, a)) {
        n.actor = rule.actor;
        n.action = rule.action;
    }
    settle_texts(&mut n, hint.detail);
    // Returned as the `Result` callers pass on, so that the node is built in place rather than
    // copied out of a tuple (192 bytes, on every call).
    match err {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// The carrier whose errors the code's row in `source` (by the message `msg`) wraps, if any.
/// Few codes have such a row: the others' row is not looked up again.
fn wrapped_carrier(rows: CodeRows, source: Source, msg: Option<&str>) -> Option<Carrier> {
    match rows.entries().any(|e| e.carrier().is_some()) {
        true => rows.find(source, msg).and_then(Entry::carrier),
        false => None,
    }
}

/// The texts of the callback and of its causes redacted, IDaaS template values read from
/// them; under [`Detail::Outcome`], left out first (they were read to find the causes): what
/// is left to redact is their codes and ids.
fn settle_texts(n: &mut Normalized<'_>, detail: Detail) {
    let mut cur = Some(&mut *n);
    while let Some(c) = cur {
        match detail {
            Detail::Full => fill_params(c),
            Detail::Outcome => {
                c.raw_msg = None;
                c.extra = Extra::default();
            }
        }
        cur = c.root_cause.as_deref_mut();
    }
    secret::redact_numbers(n);
}

/// The callback's message, and whether it is its `data` text: the IDaaS SDK's failure callback
/// describes the failure there. An inner code standing in for the code brings its message
/// (Shanyan's `innerDesc`).
fn top_message<'a>(p: &mut Parts<'a>, source: Source) -> (Option<Cow<'a, str>>, bool) {
    let msg = match p.msg.take() {
        None if p.code_key == CodeKey::Inner => p.inner_msg.take().map(|(_, m)| m),
        msg => msg,
    };
    let data_text = p.data_text.take();
    let data_is_message = msg.is_none() && source == Source::IdaasSdk && data_text.is_some();
    (
        if data_is_message { data_text } else { msg },
        data_is_message,
    )
}

/// Normalises a typed callback.
pub(crate) fn from_callback<'a>(cb: &Callback<'a>, hint: Hint) -> Normalized<'a> {
    let present = |s: Option<&'a str>| s.map(str::trim).filter(|s| !s.is_empty());
    let mut p = Parts::new(Cow::Borrowed(cb.code.trim()), CodeKey::Named, 0);
    p.msg = cb.msg.filter(|m| !m.trim().is_empty()).map(Cow::Borrowed);
    p.request_id = present(cb.request_id).map(Cow::Borrowed);
    if let Some(ic) = present(cb.inner_code) {
        p.marks.inner_code(ic);
        p.inner_code = Some((Cow::Borrowed("innerCode"), Cow::Borrowed(ic)));
    }
    p.inner_msg = cb
        .inner_msg
        .filter(|m| !m.trim().is_empty())
        .map(|m| (Cow::Borrowed("innerMsg"), Cow::Borrowed(m)));
    if let Some(data) = present(cb.carrier_data) {
        p.marks.pns = true;
        p.carrier_data = Some((
            Cow::Borrowed("carrierFailedResultData"),
            Val::Str(Cow::Borrowed(data)),
        ));
    }
    if let Some(vendor) = present(cb.vendor_name) {
        p.marks.pns = true;
        p.carrier = Carrier::from_alias(vendor);
        if p.carrier.is_none() {
            p.extra.push((
                Cow::Borrowed("vendorName"),
                ExtraValue::Text(Cow::Borrowed(vendor)),
            ));
        }
    }
    // Lenient mode drops the errors met on the way, so this is always `Ok`; were it not, the
    // code alone would still be classified.
    let code = p.code.clone();
    resolve_top(&mut p, hint, false).unwrap_or_else(|_| {
        let rows = CodeRows::of(&code);
        let source = hinted(&hint, rows).unwrap_or_else(|| pns_for(hint.platform));
        let mut n = node(rows, source, code, None);
        n.advice = advise(&n, &hint);
        secret::redact_numbers(&mut n);
        n
    })
}
