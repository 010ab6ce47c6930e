// Package moderation judges posts for a feed: for each post it detects the
// language, finds rule matches (in every language and script the post is
// written in, through evasions), scores how well the post fits the
// community's tone, and returns a Verdict — an action (allow, label, limit,
// review, block) with the matches, categories, tone signals and reasons
// behind it.
//
//	m, err := moderation.New() // embedded rules, 15 languages, "lifestyle" tone
//	if err != nil { ... }
//	v, err := m.Moderate(ctx, moderation.Post{Text: "Welcome TikTok refugees! 欢迎来到小红书～"})
//	fmt.Println(v.Action, v.Language, v.Tone.Label)
//
// A Moderator is safe for concurrent use. Creating one loads the language
// models (about 0.3 s and 25 MiB for the default languages),
// so create it once and share it. Its rule set can be swapped under load
// with SetRules or ReloadRules; each post is judged by one rule set, and the
// verdict names its version.
//
// Rules only detect; the Policy decides. Each match adds its severity to
// its category's score, and per-category thresholds pick the action; a
// post whose tone is "off" for the community has its reach limited.
// Policies are YAML files (ParsePolicy, LoadPolicy) with per-language and
// per-field overrides, paranoia levels for strict rules, a shadow mode
// that computes actions without taking them, and masking. See
// DefaultPolicy for the defaults.
package moderation
