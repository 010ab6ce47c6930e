package rules

// innocentPhrases are words and phrases that contain terms of common
// profanity lists but are innocent: place and family names, Latin phrases,
// birds, plants, everyday words. Every Set holds them; a match that lies
// entirely inside one of them (in the original text) is dropped, whatever
// its rule. Rules add their own with exceptions.
var innocentPhrases = []string{
	// Latin and set phrases.
	"cum laude", "magna cum laude", "summa cum laude", "cum grano salis", "habeas corpus",
	"super bowl xxx", "world war ii",
	// Names.
	"dick van dyke", "moby dick", "philip k dick", "philip k. dick", "spotted dick", "dick francis",
	"dick cheney", "dick tracy", "dickens", "dickinson", "hitchcock", "hancock", "babcock", "cockburn",
	"scunthorpe", "penistone", "clitheroe", "middlesex", "sussex", "essex", "wessex", "lightwater",
	"arsenal", "uranus", "titian", "titan", "titans",
	// Birds, animals, plants.
	"blue tit", "great tit", "coal tit", "bearded tit", "titmouse", "pussy willow", "pussy willows",
	"cock-a-doodle-doo", "woodcock", "peacock", "weathercock", "cockatoo", "cockatiel", "cockroach",
	"cockroaches", "cocker spaniel", "shuttlecock", "bald eagle", "raccoon", "coonhound",
	// Everyday words holding a short term.
	"cocktail", "cocktails", "cockpit", "cockney", "cocoon", "tycoon", "assassin", "assassins",
	"assassination", "assess", "assessment", "assistant", "associate", "association", "assume",
	"assumption", "bass", "class", "classic", "classes", "compass", "embarrass", "glass", "grass",
	"mass", "massive", "pass", "passage", "passion", "passenger", "therapist", "therapists",
	"analysis", "analyst", "analog", "analogue", "canal", "shiitake", "shitake", "cumin",
	"cucumber", "document", "circumstance", "accumulate", "cumulative", "sextant", "sexton",
	"sextet", "homogeneous", "homo sapiens", "spice", "snigger", "niggle", "niggling", "skyscraper",
	"scrap", "button", "buttress", "rebuttal", "butter", "scuttle", "hello", "shell", "shellfish",
	"grape", "drape", "rapeseed", "sexagenarian", "title", "titles", "constitution", "arsenic",
	// Short words that the joined reading of one- and two-letter pieces
	// would otherwise read as a term ("sh it" is the interjection "sh").
	"sh it",
	// Chinese words holding characters that naive lists ban.
	"操场", "体操", "操作", "早操", "情操", "日本", "鸡蛋", "牛奶", "性别", "干净", "干杯", "女装",
}
