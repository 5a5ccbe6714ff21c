/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stddef.h>
#include <string.h>

#include "core/suggest.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

Test(suggest, null_inputs)
{
	static const char *const cands[] = { "age", "sex" };

	cr_assert_eq(suggest_distance(NULL, NULL), 0);
	cr_assert_eq(suggest_distance(NULL, "abc"), 3);
	cr_assert_eq(suggest_distance("abcd", NULL), 4);
	cr_assert_null(suggest_closest(NULL, cands, NELEM(cands)));
	cr_assert_null(suggest_closest("age", NULL, 3));
	cr_assert_null(suggest_closest("agee", cands, 0));
}

Test(suggest, null_candidates_are_skipped)
{
	static const char *const cands[] = { NULL, "transplant_months_ago", NULL };

	cr_assert_str_eq(suggest_closest("transplant_month_ago", cands, NELEM(cands)),
	    "transplant_months_ago");
}

Test(suggest, distance_empty_and_equal)
{
	cr_assert_eq(suggest_distance("", ""), 0);
	cr_assert_eq(suggest_distance("", "abc"), 3);
	cr_assert_eq(suggest_distance("abc", ""), 3);
	cr_assert_eq(suggest_distance("same", "same"), 0);
}

Test(suggest, distance_edits)
{
	cr_assert_eq(suggest_distance("kitten", "sitting"), 3);
	cr_assert_eq(suggest_distance("sitting", "kitten"), 3);
	cr_assert_eq(suggest_distance("flaw", "lawn"), 2);
	cr_assert_eq(suggest_distance("abc", "abxc"), 1); /* insertion */
	cr_assert_eq(suggest_distance("abxc", "abc"), 1); /* deletion */
	cr_assert_eq(suggest_distance("abc", "abd"), 1);  /* substitution */
	cr_assert_eq(suggest_distance("abc", "xyz"), 3);
	cr_assert_eq(suggest_distance("a", "b"), 1);
	cr_assert_eq(suggest_distance("Age", "age"), 1); /* case counts */
}

Test(suggest, distance_transposition_costs_one)
{
	cr_assert_eq(suggest_distance("ab", "ba"), 1);
	cr_assert_eq(suggest_distance("abcd", "acbd"), 1);
	cr_assert_eq(suggest_distance("recieve", "receive"), 1);
	cr_assert_eq(suggest_distance("norwood", "nrowood"), 1);
	/* Optimal string alignment, not full Damerau-Levenshtein: no edit inside a swap. */
	cr_assert_eq(suggest_distance("ca", "abc"), 3);
}

Test(suggest, distance_is_symmetric)
{
	static const char *const w[] = { "", "a", "ab", "ba", "abc", "acb", "ca", "kitten",
		"sitting", "keloid_policy", "keloid_polciy", "setting.min_age" };
	size_t i, j;

	for (i = 0; i < NELEM(w); i++)
		for (j = 0; j < NELEM(w); j++)
			cr_assert_eq(suggest_distance(w[i], w[j]), suggest_distance(w[j], w[i]),
			    "\"%s\" vs \"%s\"", w[i], w[j]);
}

Test(suggest, closest_exact_match_gives_null)
{
	static const char *const cands[] = { "age", "ages", "sex" };

	cr_assert_null(suggest_closest("age", cands, NELEM(cands)));
	/* Even when a near candidate comes first. */
	cr_assert_null(suggest_closest("sex", cands, NELEM(cands)));
}

Test(suggest, closest_picks_the_nearest)
{
	static const char *const cands[] = { "norwood", "female_scale", "loss_trend",
		"loss_treatments", "transplant_months_ago" };

	cr_assert_str_eq(suggest_closest("norwod", cands, NELEM(cands)), "norwood");
	cr_assert_str_eq(suggest_closest("nrowood", cands, NELEM(cands)), "norwood");
	cr_assert_str_eq(suggest_closest("loss_trent", cands, NELEM(cands)), "loss_trend");
	cr_assert_str_eq(suggest_closest("loss_treatment", cands, NELEM(cands)), "loss_treatments");
	cr_assert_str_eq(suggest_closest("femalescale", cands, NELEM(cands)), "female_scale");
}

Test(suggest, closest_limit_is_max_of_2_and_a_third)
{
	static const char *const short_c[] = { "abcde" };
	static const char *const long_c[] = { "abcdefghijklmnop" };
	static const char *const tiny_c[] = { "ab", "abc" };

	/* Short words (limit 2): distance 3 is too far, 2 is close enough. */
	cr_assert_null(suggest_closest("ab", short_c, 1));
	cr_assert_str_eq(suggest_closest("abc", short_c, 1), "abcde");
	/* The limit follows the word: 12 letters allow 4, 11 only 3, 24 allow 8, 25 too. */
	cr_assert_str_eq(suggest_closest("abcdefghijkl", long_c, 1), "abcdefghijklmnop");
	cr_assert_null(suggest_closest("abcdefghijk", long_c, 1));
	cr_assert_str_eq(suggest_closest("abcdefghijklmnopqrstuvwx", long_c, 1),
	    "abcdefghijklmnop");
	cr_assert_null(suggest_closest("abcdefghijklmnopqrstuvwxy", long_c, 1));
	/* 16 letters allow 5 substitutions, not 6. */
	cr_assert_str_eq(suggest_closest("xxxxxfghijklmnop", long_c, 1), "abcdefghijklmnop");
	cr_assert_null(suggest_closest("xxxxxxghijklmnop", long_c, 1));
	/* An empty word is within 2 of any candidate of 2 bytes, as the rule says. */
	cr_assert_str_eq(suggest_closest("", tiny_c, 2), "ab");
	cr_assert_null(suggest_closest("", tiny_c + 1, 1));
}

Test(suggest, closest_ties_go_to_the_first)
{
	static const char *const cands[] = { "cat", "bat", "hat" };
	static const char *const rev[] = { "hat", "bat", "cat" };

	cr_assert_str_eq(suggest_closest("rat", cands, NELEM(cands)), "cat");
	cr_assert_str_eq(suggest_closest("rat", rev, NELEM(rev)), "hat");
	/* A later, strictly closer candidate still wins. */
	cr_assert_str_eq(suggest_closest("bats", cands, NELEM(cands)), "bat");
}

Test(suggest, closest_returns_the_borrowed_pointer)
{
	static const char *const cands[] = { "unwell_today", "unsure" };

	cr_assert_eq(suggest_closest("unwell_tody", cands, NELEM(cands)), cands[0]);
}

Test(suggest, nothing_close)
{
	static const char *const cands[] = { "age", "sex", "skin_type" };

	cr_assert_null(suggest_closest("transplant", cands, NELEM(cands)));
}

struct named {
	int line;
	const char *id;
};

Test(suggest, closest_field_reads_the_member_of_each_struct)
{
	static const struct named items[] = {
		{ 3, "skin_type" },
		{ 7, NULL },
		{ 9, "keloid_history" },
		{ 12, "age" },
	};

	cr_assert_str_eq(suggest_closest_field("keloid_histry", items, 4, sizeof items[0],
	                     offsetof(struct named, id)),
	    "keloid_history");
	cr_assert_str_eq(suggest_closest_field("skin_tpye", items, 4, sizeof items[0],
	                     offsetof(struct named, id)),
	    "skin_type");
	cr_assert_null(
	    suggest_closest_field("age", items, 4, sizeof items[0], offsetof(struct named, id)));
	cr_assert_null(suggest_closest_field("weather", items, 4, sizeof items[0],
	    offsetof(struct named, id)));
	cr_assert_null(suggest_closest_field("age", NULL, 4, sizeof items[0], 0));
}

/* A file's suggestions share one budget of candidates examined: within it, the same answer
 * as suggest_closest_field; past it, none, and nothing is examined. */
Test(suggest, within_a_budget)
{
	static const char *const cands[] = { "age", "sex", "goal" };
	size_t spent = 0;

	cr_expect_str_eq(suggest_closest_within(&spent, "agee", cands, NELEM(cands),
	                     sizeof cands[0], 0),
	    "age");
	cr_expect_eq(spent, 3);
	spent = SUGGEST_BUDGET - 3;
	cr_expect_str_eq(suggest_closest_within(&spent, "gaol", cands, NELEM(cands),
	                     sizeof cands[0], 0),
	    "goal");
	cr_expect_eq(spent, SUGGEST_BUDGET);
	cr_expect_null(
	    suggest_closest_within(&spent, "agee", cands, NELEM(cands), sizeof cands[0], 0));
	cr_expect_eq(spent, SUGGEST_BUDGET, "nothing charged without a search");
	spent = SUGGEST_BUDGET - 2;
	cr_expect_null(
	    suggest_closest_within(&spent, "agee", cands, NELEM(cands), sizeof cands[0], 0));
	cr_expect_eq(spent, SUGGEST_BUDGET - 2);
	/* An empty candidate list costs nothing, even at the end of the budget. */
	cr_expect_null(suggest_closest_within(&spent, "agee", cands, 0, sizeof cands[0], 0));
}
