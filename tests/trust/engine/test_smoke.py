from nabz.trust import check


def test_clean_text_scores_full():
    assert check("hello").score == 100
