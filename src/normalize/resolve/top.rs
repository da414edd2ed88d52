//! A top-level callback put together, and the typed-callback entry point.

use super::*;

/// Resolves a top-level callback. In strict mode, fails with the first hard error (nesting too
/// deep) met while decoding causes; in lenient mode, always succeeds.
///
/// Takes the parts out of `p` (passed by reference: moved as a whole, its 288 bytes were copied).
pub(crate) fn resolve_top<'a>(
    p: &mut Parts<'a>,
    hint: Hint,
    strict: bool,
) -> Result<Normalized<'a>, ParseError> {
    let rows = CodeRows::of(&p.code);
    let source = hint
        .source
        .unwrap_or_else(|| detect(p, rows, hint.platform));
    let code = std::mem::take(&mut p.code);
    let msg = p.msg.take();
    let inner_code = p.inner_code.take();
    let inner_msg = p.inner_msg.take();
    let carrier_data = p.carrier_data.take();
    let carrier = p.carrier;
    let request_id = p.request_id.take();
    let data_text = p.data_text.take();
    let extra = std::mem::take(&mut p.extra);
    let level = p.level;
    // The IDaaS SDK's failure callback describes the failure in `data`: that is its message.
    let data_is_message = msg.is_none() && source == Source::IdaasSdk && data_text.is_some();
    let msg = if data_is_message { data_text } else { msg };
    let mut n = node(rows, source, code, msg);
    n.request_id = request_id;
    n.extra = extra;
    if data_is_message {
        n.extra
            .retain(|(k, v)| !(k.eq_ignore_ascii_case("data") && matches!(v, ExtraValue::Text(_))));
    }
    let mut err = None;
    let app = source.is_app();

    let inner_text = inner_msg.as_ref().map(|(_, m)| m.clone());
    let mut origin = None;
    if app {
        let from_data = match &carrier_data {
            Some((_, val)) => soften(data_cause(val, carrier, level, source), &mut err, strict),
            None => None,
        };
        let mut from_data = from_data.filter(|c| c.code != n.code);
        // iOS gives the carrier's code twice (innerCode and the data), the message only once.
        let mut merged = false;
        if let (Some(c), Some((_, ic))) = (from_data.as_mut(), &inner_code) {
            if c.code == *ic {
                merged = true;
                if c.raw_message.is_none() && inner_text.is_some() {
                    c.raw_message = inner_text.clone();
                    classify(c, CodeRows::of(&c.code));
                }
            }
        }
        let one_tap = match (&inner_code, source) {
            (Some((_, ic)), Source::Fusion) => fusion_inner(ic, inner_text.clone()),
            _ => None,
        };
        let cause = if let Some(mut one_tap) = one_tap {
            let mut best = Best::default();
            best.offer(Origin::Data, from_data);
            if !best.settled() {
                let named = inner_text
                    .as_ref()
                    .map(|m| message_cause(m, carrier, level, &one_tap.code, source));
                best.offer(
                    Origin::Message,
                    named.and_then(|r| soften(r, &mut err, strict)),
                );
            }
            let below = best.cause;
            origin = Some(match best.origin {
                Some(Origin::Data) => Origin::InnerAndData,
                _ => Origin::Inner,
            });
            one_tap.root_cause = below;
            one_tap.carrier = deepest_carrier(&one_tap);
            follow(&mut one_tap);
            Some(Box::new(one_tap))
        } else {
            let from_inner = inner_code
                .as_ref()
                .filter(|(_, ic)| {
                    *ic != n.code && !(merged && from_data.as_deref().is_some_and(informative))
                })
                .map(|(_, ic)| {
                    let rows = CodeRows::of(ic);
                    let s = inner_source(
                        ic,
                        rows,
                        inner_text.as_deref(),
                        carrier,
                        &Marks::default(),
                        CodeKey::Named,
                        source,
                    );
                    let mut c = node(rows, s, ic.clone(), inner_text.clone());
                    c.carrier = Carrier::from_source(s).or(carrier);
                    Box::new(c)
                });
            let data_origin = if merged {
                Origin::InnerAndData
            } else {
                Origin::Data
            };
            let mut best = Best::default();
            best.offer(data_origin, from_data);
            best.offer(Origin::Inner, from_inner);
            for m in [inner_text.as_ref(), n.raw_message.as_ref()]
                .into_iter()
                .flatten()
            {
                if !best.settled() {
                    best.offer(
                        Origin::Message,
                        soften(
                            message_cause(m, carrier, level, &n.code, source),
                            &mut err,
                            strict,
                        ),
                    );
                }
            }
            origin = best.origin;
            best.cause
        };
        n.root_cause = cause;
    } else if let (Some(own), Some(msg)) = (Carrier::from_source(source), n.raw_message.as_ref()) {
        // A carrier's result naming its own inner code in the message (`code:1105msg:...`).
        let named = message_cause(msg, Some(own), level, &n.code, source);
        n.root_cause = soften(named, &mut err, strict).filter(|c| c.known);
    }
    let data_used = matches!(origin, Some(Origin::Data | Origin::InnerAndData));
    let inner_used = matches!(origin, Some(Origin::Inner | Origin::InnerAndData));
    // What was not used for a cause stays with the payload.
    if let Some((key, val)) = carrier_data.filter(|_| !data_used) {
        let value = super::super::extra::extra_value(&key, val, level);
        n.extra.push((key, value));
    }
    if !inner_used {
        for (key, value) in [inner_code, inner_msg].into_iter().flatten() {
            n.extra.push((key, ExtraValue::Text(value)));
        }
    } else if n
        .root_cause
        .as_ref()
        .is_some_and(|c| c.raw_message.is_none())
    {
        if let Some((key, value)) = inner_msg {
            n.extra.push((key, ExtraValue::Text(value)));
        }
    }
    follow(&mut n);
    n.carrier = carrier
        .or_else(|| deepest_carrier(&n))
        .or_else(|| Carrier::from_source(source));
    // Returned as the `Result` callers pass on, so that the node is built in place rather than
    // copied out of a tuple (192 bytes, on every call).
    match err {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// Normalises a typed callback.
pub(crate) fn from_callback<'a>(cb: &Callback<'a>, hint: Hint) -> Normalized<'a> {
    let present = |s: Option<&'a str>| s.map(str::trim).filter(|s| !s.is_empty());
    let mut p = Parts::new(Cow::Borrowed(cb.code.trim()), CodeKey::Named, 0);
    p.msg = cb.msg.filter(|m| !m.trim().is_empty()).map(Cow::Borrowed);
    p.request_id = present(cb.request_id).map(Cow::Borrowed);
    if let Some(ic) = present(cb.inner_code) {
        let fusion = ic.len() == 7 && (ic.starts_with("16") || ic.starts_with("17"));
        p.marks.fusion |= fusion;
        p.marks.pns |= !fusion;
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
        let source = hint.source.unwrap_or_else(|| pns_for(hint.platform));
        node(CodeRows::of(&code), source, code, None)
    })
}
