package main

import (
	"errors"
	"flag"
	"strings"

	"github.com/feedguard/feedguard/moderation"
	"github.com/feedguard/feedguard/rules"
)

// moderatorFlags are the flags shared by scan and check that configure the
// moderator.
type moderatorFlags struct {
	rules      listFlag
	noDefaults bool
	profile    string
	languages  string
	maxBytes   int
	policy     string
	shadow     bool
}

func (f *moderatorFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.rules, "rules", "add a rule pack file, or a folder of *.yaml packs (repeatable)")
	fs.BoolVar(&f.noDefaults, "no-default-rules", false, "leave the embedded rule packs out")
	fs.StringVar(&f.profile, "profile", "lifestyle", "tone profile: lifestyle, entertainment, or a profile file")
	fs.StringVar(&f.languages, "languages", "", "comma-separated BCP 47 languages to detect among (default: the 15 built in)")
	fs.IntVar(&f.maxBytes, "max-text-bytes", moderation.DefaultMaxTextBytes, "judge at most this many bytes of each text; longer texts are marked truncated")
	fs.StringVar(&f.policy, "policy", "", "policy file (default: the embedded policy; see moderation/policies/default.yaml)")
	fs.BoolVar(&f.shadow, "shadow", false, "shadow mode: compute the would-be action (shadow_action) but allow every post")
}

// build loads the packs and creates the moderator. Rule-pack problems are
// reported one per line.
func (f *moderatorFlags) build(e *env) (*moderation.Moderator, bool) {
	opts := []moderation.Option{moderation.WithProfileName(f.profile), moderation.WithMaxTextBytes(f.maxBytes)}
	var problems rules.ErrorList
	for _, p := range f.rules {
		packs, err := rules.LoadPath(p)
		var list rules.ErrorList
		switch {
		case errors.As(err, &list):
			problems = append(problems, list...)
		case err != nil:
			e.errorf("%v", err)
			return nil, false
		default:
			opts = append(opts, moderation.WithPacks(packs...))
		}
	}
	if len(problems) > 0 {
		problems.Sort()
		for _, p := range problems {
			e.errorf("%v", p)
		}
		e.errorf("%d problem(s) in rule packs; nothing was loaded", len(problems))
		return nil, false
	}
	if f.noDefaults {
		opts = append(opts, moderation.WithoutDefaultRules())
	}
	if f.policy != "" {
		opts = append(opts, moderation.WithPolicyFile(f.policy))
	}
	if f.shadow {
		opts = append(opts, moderation.WithShadow())
	}
	if f.languages != "" {
		opts = append(opts, moderation.WithLanguages(strings.Split(f.languages, ",")...))
	}
	m, err := moderation.New(opts...)
	if err != nil {
		var list rules.ErrorList
		if errors.As(err, &list) {
			for _, p := range list {
				e.errorf("%v", p)
			}
			return nil, false
		}
		e.errorf("%v", err)
		return nil, false
	}
	return m, true
}
