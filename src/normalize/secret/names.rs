//! The words that name a secret in a key: the list the normaliser and the build both read
//! (`SECRET_WORDS`), the short keys read only as a whole key or a key's last word, the words
//! that make a bare `code` a one-time code, and the endings that say a key describes a secret
//! rather than holding it.

/// Whether a folded key ends with one of its [`SECRET_WORDS`] (`templateparamset`, whose `set`
/// is the word's and says nothing about it, unlike `passwordset`'s).
pub(super) fn ends_with_word(folded: &[u8]) -> bool {
    SECRET_WORDS.iter().any(|(w, _)| folded.ends_with(w))
}

/// Whether a key names something about a secret rather than the secret (`tokenType`,
/// `tokenExpiresIn`, `pwdErrorCount`, `phoneModel`, `token_endpoint`, `passwordHint`): by how
/// it ends.
pub(super) fn describes(folded: &[u8]) -> bool {
    const ABOUT: [&[u8]; 43] = [
        b"type",
        b"count",
        b"time",
        b"times",
        b"days",
        b"expiresin",
        b"expire",
        b"expires",
        b"expired",
        b"status",
        b"state",
        b"length",
        b"size",
        b"failed",
        b"model",
        b"brand",
        b"network",
        b"operator",
        b"enabled",
        b"set",
        b"url",
        b"version",
        // Where a token comes from or is fetched, when it expires, how long it is, the rules
        // and reminders of a password.
        b"endpoint",
        b"expiresat",
        b"expireat",
        b"expiry",
        b"ttl",
        b"len",
        b"source",
        b"policy",
        b"hint",
        // When it was made, how a check of it went, what was said about it
        // (`sessionIdCreatedAt`, `captchaResult`, `validateCodeMsg`).
        b"at",
        b"result",
        b"msg",
        b"message",
        // How often one may be asked for, what the page tells the user about it, its rules,
        // whether it is cached (`smsCodeInterval`, `verifyCodeTips`, `passwordRule`).
        b"interval",
        b"tip",
        b"tips",
        b"rule",
        b"rules",
        b"cache",
        // How long one may take (`tokenTimeout`, `token_timeout_ms`).
        b"timeout",
        b"timeoutms",
    ];
    ABOUT.iter().any(|end| folded.ends_with(end))
}

/// The words that name a secret in a key (folded: lower case, letters and digits), with the
/// rank of their kind: 0 token, 1 code, 2 phone, 3 secret. The one list, for keys in payloads,
/// keys written in text and the texts that may hold them.
pub(super) const SECRET_WORDS: [(&[u8], u32); 31] = [
    (b"token", 0),
    (b"jwt", 0),
    (b"ticket", 0),
    // A session cookie (`JSESSIONID`, PHP's `PHPSESSID`) or id logs in as a token does.
    (b"sessionid", 0),
    (b"sessid", 0),
    (b"accesscode", 1),
    (b"authcode", 1),
    (b"authorizationcode", 1),
    // Getui OneLogin's iOS `OLGWAuthKey`: the gateway's auth code, as `authcode` is.
    (b"gwauth", 1),
    // A one-time SMS code is a credential too.
    (b"smscode", 1),
    (b"verifycode", 1),
    (b"verificationcode", 1),
    // Other names of SMS and one-time codes; not `otp`, `pin` or `code` alone, which sit
    // inside other words (`option`, `spinner`, `resultCode`), nor `captcha` or `validcode`
    // (`captchaId` and `captchaAppId` are public settings, `invalidCode` a result code).
    (b"captchacode", 1),
    (b"validatecode", 1),
    (b"checkcode", 1),
    (b"dynamiccode", 1),
    (b"securitycode", 1),
    (b"passcode", 1),
    (b"otpcode", 1),
    // The parameters of an SMS template (Alibaba Cloud's `TemplateParam`, Tencent Cloud's
    // `TemplateParamSet`): the one-time code they send.
    (b"templateparam", 1),
    (b"templateparamset", 1),
    (b"phone", 2),
    (b"mobile", 2),
    (b"password", 3),
    (b"passwd", 3),
    (b"pwd", 3),
    (b"secret", 3),
    (b"authorization", 3),
    (b"apikey", 3),
    (b"sessionkey", 3),
    (b"credential", 3),
];

/// For each byte, the [`SECRET_WORDS`] that start with it, as bits of their index.
const WORDS_BY_FIRST: [u32; 256] = {
    assert!(SECRET_WORDS.len() <= 32, "one bit per word");
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < SECRET_WORDS.len() {
        t[SECRET_WORDS[i].0[0] as usize] |= 1 << i;
        i += 1;
    }
    t
};

/// The kind of the secret words ([`SECRET_WORDS`]) in `folded` text, the first in rank order
/// when there are several (a `phoneToken` is a token): token, code, phone, secret. A `const
/// fn`, so that the build can hold the key table to it (`keys.rs`).
pub(super) const fn first_secret_word(folded: &[u8]) -> Option<&'static str> {
    // One pass, each word tried only where its first letter is: most keys name no secret, and
    // this runs for every kept field of an unknown key.
    // Bit `rank` set for each word found: the lowest set bit is the first kind in order.
    let mut found = 0u32;
    let mut rest = folded;
    while let Some((first, tail)) = rest.split_first() {
        // The words that start with this letter, as bits of their index.
        let mut words = WORDS_BY_FIRST[*first as usize];
        while words != 0 {
            let i = words.trailing_zeros() as usize;
            words &= words - 1;
            let (word, rank) = SECRET_WORDS[i];
            if starts_with(rest, word) {
                found |= 1 << rank;
            }
        }
        rest = tail;
    }
    match found.trailing_zeros() {
        0 => Some("token"),
        1 => Some("code"),
        2 => Some("phone"),
        3 => Some("secret"),
        _ => None,
    }
}

/// Whether `s` starts with `prefix` (a `const fn`; the words are short).
pub(super) const fn starts_with(s: &[u8], prefix: &[u8]) -> bool {
    let (mut s, mut p) = (s, prefix);
    loop {
        match (s.split_first(), p.split_first()) {
            (_, None) => return true,
            (Some((a, s_rest)), Some((b, p_rest))) if *a == *b => {
                s = s_rest;
                p = p_rest;
            }
            _ => return false,
        }
    }
}

/// Whether any of `names` (folded keys) names a secret, as [`secret_kind`] reads a key.
pub(crate) const fn any_names_secret(names: &[&str]) -> bool {
    let mut rest = names;
    while let Some((name, more)) = rest.split_first() {
        let b = name.as_bytes();
        if first_secret_word(b).is_some() || whole_key_kind(b).is_some() || is_last_word(b) {
            return true;
        }
        rest = more;
    }
    false
}

/// The kind of secret named by keys that name one only as a whole key: `number`, a phone
/// number's (it ends `orderNumber`, so no last word names one; see [`LAST_WORDS`]).
pub(super) const fn whole_key_kind(folded: &[u8]) -> Option<&'static str> {
    match folded {
        b"number" => Some("phone"),
        _ => None,
    }
}

/// Whether a folded key is one of the [`LAST_WORDS`] (a `const fn`, for the build's check).
const fn is_last_word(folded: &[u8]) -> bool {
    let mut i = 0;
    while i < LAST_WORDS.len() {
        let word = LAST_WORDS[i].0;
        if word.len() == folded.len() && starts_with(folded, word) {
            return true;
        }
        i += 1;
    }
    false
}

/// The short keys that name a secret as a whole key or a key's last word, after a separator or
/// a capital (`sms_otp`, `smsOtp`, `X-Sid`, `user_msisdn`, `laravel_session`; not `number`,
/// which ends `orderNumber` and names a phone only as a whole key), and their kinds.
pub(super) const LAST_WORDS: [(&[u8], &str); 6] = [
    (b"sid", "token"),
    // A session cookie or id (`SESSION=`, `laravel_session=`, bilibili's `SESSDATA=`).
    (b"session", "token"),
    (b"sessdata", "token"),
    (b"otp", "code"),
    (b"vcode", "code"),
    (b"msisdn", "phone"),
];

/// The kind of secret `key`'s last word names ([`LAST_WORDS`]), `folded` being the key folded.
/// Not inside a word (`bssid`, `totp`, `BSSID`: no separator or capital starts it).
pub(super) fn last_word_kind(key: &str, folded: &[u8]) -> Option<&'static str> {
    let (word, kind) = LAST_WORDS.iter().find(|(w, _)| folded.ends_with(w))?;
    let raw = key.as_bytes();
    // Where the word starts in the key: its letters are the key's last ones.
    let (at, first) = raw
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, c)| c.is_ascii_alphanumeric())
        .nth(word.len() - 1)?;
    let starts = match at.checked_sub(1).and_then(|i| raw.get(i)) {
        None => true,
        Some(c) if !c.is_ascii_alphanumeric() => true,
        Some(c) => !c.is_ascii_uppercase() && first.is_ascii_uppercase(),
    };
    starts.then_some(*kind)
}

/// The words (folded) that make the `code` after them a one-time code: `Your code: 482913`,
/// `login code`, `PIN code`, `one-time code`.
pub(super) const CODE_QUALIFIERS: [&[u8]; 4] = [b"your", b"login", b"pin", b"onetime"];
