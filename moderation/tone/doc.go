// Package tone scores how well a post fits a community's tone.
//
// Tone is not sentiment and not a rule violation: a detailed bad review or
// a 避雷 warning fits a lifestyle-sharing community perfectly, while a
// perfectly legal "FOLLOW FOR FOLLOW!!! 🔥🔥🔥🔥🔥" does not. A Profile
// lists signals with weights; each signal found in a post has a strength in
// (0, 1]; the score is the logistic function of the profile's bias plus the
// sum of weight × strength, so every score is explained by the signals that
// produced it, each with the spans of text that triggered it.
//
// Signals are of two kinds. Lexicon signals (first_hand, helpful,
// gratitude, welcome, engagement_bait, hard_sell, or any name a profile
// defines) count terms per language. Built-in signals are computed from the
// text's shape or from rule matches: detail (prices, quantities, steps,
// length), question, shouting (share of upper-case Latin letters),
// punctuation_flood, emoji_flood, hashtag_stuffing, repetition, hostility
// (rule matches the caller passes in), group_contempt ("X people are all
// …") and dismissive_emoji (🙂, which often reads as dismissive in Chinese
// internet use and friendly in English — so its weight is per language).
//
// A profile file:
//
//	profile: lifestyle
//	bias: 0.2
//	thresholds: {fits: 0.6, off: 0.4}
//	signals:
//	  gratitude:
//	    weight: 0.6
//	    terms: {zh: [谢谢, 感谢], en: [thank you, thanks]}
//	  shouting:
//	    weight: -1.2
//	  dismissive_emoji:
//	    weight: {default: 0, zh: -0.6}
//
// Two profiles are embedded: "lifestyle" (the default) and
// "entertainment", where hype, caps and emoji are normal.
package tone
