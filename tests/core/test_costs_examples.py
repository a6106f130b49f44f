"""Worked examples: every expected figure is computed by hand in the comment beside it."""

from __future__ import annotations

from decimal import Decimal as D

from bankcalc.core.costs import Terms, cheapest, installment_payments, option_costs, schedule
from builders import installments, lifetime, make_plan, prepaid


def test_paying_yearly_adds_fees_and_one_storage_fee_per_year() -> None:
    plan = make_plan(processing="1500.00", kit="150.00", annual="175.00")
    result = schedule(plan, plan.default_option, Terms(months=240))
    # 1500 processing + 150 kit + 20 years x 175 = 1650 + 3500 = 5150
    assert result.total == D("5150.00")
    # year 1: 1500 + 150 one-time, 175 storage -> 1825; year 2: 175 -> cumulative 2000
    assert result.rows[0].one_time == D("1650.00")
    assert result.rows[0].storage == D("175.00")
    assert result.rows[0].total == D("1825.00")
    assert result.rows[1].cumulative == D("2000.00")
    assert len(result.rows) == 20
    # 5150 / 20 years = 257.50 a year; 5150 / 240 months = 21.4583... -> 21.46
    assert result.per_year == D("257.50")
    assert result.per_month == D("21.46")


def test_first_year_included_in_processing_skips_the_first_storage_bill() -> None:
    plan = make_plan(processing="1795.00", annual="400.00", first_year_included=True)
    result = schedule(plan, plan.default_option, Terms(months=240))
    # 1795 + 19 billed years x 400 = 1795 + 7600 = 9395
    assert result.total == D("9395.00")
    assert result.rows[0].storage == D("0.00")


def test_a_partial_year_is_billed_as_a_whole_year_in_advance() -> None:
    plan = make_plan(processing="1000.00", annual="100.00")
    # 30 months = 2.5 years -> three yearly bills: 1000 + 3 x 100 = 1300
    assert schedule(plan, plan.default_option, Terms(months=30)).total == D("1300.00")


def test_escalation_compounds_each_year() -> None:
    plan = make_plan(processing="1000.00", annual="175.00")
    result = schedule(plan, plan.default_option, Terms(months=48, escalation=D("0.03")))
    # 175; 175 x 1.03 = 180.25; 175 x 1.0609 = 185.6575 -> 185.66;
    # 175 x 1.092727 = 191.227225 -> 191.23
    assert [row.storage for row in result.rows] == [
        D("175.00"),
        D("180.25"),
        D("185.66"),
        D("191.23"),
    ]
    # 1000 + 175 + 180.25 + 185.66 + 191.23 = 1732.14
    assert result.total == D("1732.14")


def test_payments_round_half_to_even() -> None:
    plan = make_plan(processing="0.00", annual="10.50")
    result = schedule(plan, plan.default_option, Terms(months=24, escalation=D("0.05")))
    # 10.50 x 1.05 = 11.025: exactly half a cent, rounds to the even 11.02 (not 11.03)
    assert result.rows[1].storage == D("11.02")
    assert result.total == D("21.52")  # 10.50 + 11.02


def test_present_value_discounts_each_year_to_birth() -> None:
    plan = make_plan(processing="1000.00", annual="100.00")
    result = schedule(plan, plan.default_option, Terms(months=36, discount=D("0.10")))
    # paid at ages 0, 1, 2: 1100 + 100 / 1.1 + 100 / 1.21
    #   = 1100 + 90.909090... + 82.644628... = 1273.553719 -> 1273.55
    assert result.present_value == D("1273.55")
    assert result.total == D("1300.00")
    # cumulative PV after year 2: 1100 + 90.909090... = 1190.909... -> 1190.91
    assert result.rows[1].cumulative_pv == D("1190.91")


def test_prepaid_term_then_yearly_fees_resume() -> None:
    plan = make_plan(
        processing="1500.00", annual="175.00", options=[prepaid("20 years", "3000.00")]
    )
    option = plan.payment_options[0]
    # 25 years: 1500 + 3000 up front, then years 21-25 billed: 5 x 175 = 875 -> 5375
    assert schedule(plan, option, Terms(months=300)).total == D("5375.00")
    # 10 years: nothing after the up-front 4500
    assert schedule(plan, option, Terms(months=120)).total == D("4500.00")


def test_prepaid_break_even_is_the_first_year_it_has_cost_less() -> None:
    yearly = {"id": "yearly", "kind": "yearly", "name": "Yearly"}
    plan = make_plan(
        processing="1500.00", annual="175.00", options=[yearly, prepaid("20 years", "3000.00")]
    )
    costs = {cost.option_id: cost for cost in option_costs(plan, Terms(months=240))}
    # yearly after y years: 1500 + 175 y; prepaid: 4500.
    # y = 17: 1500 + 2975 = 4475 < 4500; y = 18: 1500 + 3150 = 4650 > 4500 -> year 18
    assert costs["prepaid"].break_even_year == 18
    assert costs["yearly"].break_even_year is None
    # 20 years: yearly 1500 + 3500 = 5000, prepaid 4500
    assert costs["yearly"].total == D("5000.00")
    assert costs["prepaid"].total == D("4500.00")


def test_prepaid_never_breaks_even_within_a_short_horizon() -> None:
    yearly = {"id": "yearly", "kind": "yearly", "name": "Yearly"}
    plan = make_plan(
        processing="1500.00", annual="175.00", options=[yearly, prepaid("20 years", "3000.00")]
    )
    costs = {cost.option_id: cost for cost in option_costs(plan, Terms(months=120))}
    # 10 years: yearly 1500 + 1750 = 3250 < prepaid 4500 every year
    assert costs["prepaid"].break_even_year is None


def test_prepaid_price_that_includes_processing_skips_it() -> None:
    plan = make_plan(
        processing="1500.00",
        kit="150.00",
        annual="175.00",
        options=[prepaid("20 years", "1608.00", includes_fees=["processing"])],
    )
    result = schedule(plan, plan.payment_options[0], Terms(months=240))
    # 1608 package + 150 kit (not included) = 1758
    assert result.total == D("1758.00")


def test_lifetime_caps_the_horizon_at_its_stated_length() -> None:
    plan = make_plan(
        processing="1500.00", annual="175.00", options=[lifetime("78 years", "5000.00")]
    )
    result = schedule(plan, plan.payment_options[0], Terms(months=1200))
    # asked 100 years, covered 78 years = 936 months; 1500 + 5000 = 6500
    assert result.months == 936
    assert result.capped
    assert result.total == D("6500.00")
    assert len(result.rows) == 78
    # 6500 / 78 = 83.333... -> 83.33 a year
    assert result.per_year == D("83.33")


def test_installments_at_zero_apr_split_the_fees_to_the_cent() -> None:
    # 1000 / 3 = 333.333...: cumulative rounding 333.33, 666.67 - 333.33 = 333.34, 1000 - 666.67
    assert installment_payments(D("1000.00"), D(0), 3) == (D("333.33"), D("333.34"), D("333.33"))


def test_installments_amortize_at_the_apr() -> None:
    # r = 12 % / 12 = 0.01; level payment = 1000 x 0.01 / (1 - 1.01^-2)
    #   = 10 / (1 - 0.980296049) = 10 / 0.019703951 = 507.5124 -> 507.51
    # month 1: interest 10.00, owed 1010.00, pays 507.51, balance 502.49
    # month 2: interest 5.0249 -> 5.02, owed 507.51, pays 507.51 -> 1015.02 in all
    assert installment_payments(D("1000.00"), D("0.12"), 2) == (D("507.51"), D("507.51"))


def test_installment_plan_finances_the_up_front_fees_by_year() -> None:
    plan = make_plan(
        processing="1200.00",
        kit="100.00",
        annual="100.00",
        options=[installments(24, "0 %", excluded_fees=["courier_kit"])],
    )
    result = schedule(plan, plan.payment_options[0], Terms(months=36))
    # processing 1200 over 24 months at 0 %: 50.00 a month, 12 x 50 = 600 in years 1 and 2;
    # the kit (100) is excluded from the loan and paid at birth; storage 100 a year
    assert [row.installments for row in result.rows] == [D("600.00"), D("600.00"), D("0.00")]
    assert result.rows[0].one_time == D("100.00")
    # 1200 + 100 + 3 x 100 = 1600
    assert result.total == D("1600.00")


def test_installments_can_finance_a_prepaid_package() -> None:
    package = prepaid("20 years", "1608.00", includes_fees=["processing"])
    plan_options = [package, installments(24, "0 %", finances="prepaid")]
    plan = make_plan(processing="1500.00", annual="175.00", options=plan_options)
    result = schedule(plan, plan.payment_options[1], Terms(months=240))
    # 1608 / 24 = 67.00 a month; no storage bills inside the 20-year term
    assert result.rows[0].installments == D("804.00")  # 12 x 67
    assert result.total == D("1608.00")


def test_twins_share_the_kit_but_pay_processing_and_storage_each() -> None:
    plan = make_plan(processing="1500.00", kit="150.00", kit_shared=True, annual="175.00")
    result = schedule(plan, plan.default_option, Terms(months=240, children=2))
    # 2 x 1500 + 150 (one kit) + 2 x 20 x 175 = 3000 + 150 + 7000 = 10150
    assert result.total == D("10150.00")


def test_a_per_child_kit_is_charged_for_each_child() -> None:
    plan = make_plan(processing="1500.00", kit="150.00", kit_shared=False, annual="175.00")
    result = schedule(plan, plan.default_option, Terms(months=12, children=3))
    # 3 x (1500 + 150 + 175) = 3 x 1825 = 5475
    assert result.total == D("5475.00")


def test_installments_are_paid_at_each_month_end_and_discounted_so() -> None:
    # 1 + d = 1.01^12, so one month discounts by exactly 1.01
    discount = D("1.01") ** 12 - 1  # 0.126825030131969720661201
    plan = make_plan(processing="1000.00", annual="0.00", options=[installments(2, "0 %")])
    result = schedule(plan, plan.payment_options[0], Terms(months=12, discount=discount))
    # 2 x 500 at the end of months 1 and 2: 500 / 1.01 + 500 / 1.01^2
    #   = 495.049505 + 490.148025 = 985.197530 -> 985.20
    assert result.present_value == D("985.20")


def test_installments_for_a_lifetime_plan_cover_only_its_stated_length() -> None:
    package = lifetime("20 years", "3000.00", includes_fees=["processing"])
    plan = make_plan(
        processing="1500.00",
        annual="100.00",
        options=[package, installments(24, "0 %", finances="lifetime")],
    )
    result = schedule(plan, plan.payment_options[1], Terms(months=600))
    # asked 50 years; the financed lifetime plan covers 20 years = 240 months, like itself
    assert result.months == 240
    assert result.capped
    assert result.total == D("3000.00")  # 24 x 125.00, no storage bills inside the 20 years


def test_an_option_that_dips_below_yearly_and_crosses_back_has_not_broken_even() -> None:
    yearly = {"id": "yearly", "kind": "yearly", "name": "Yearly"}
    loan = installments(120, "25 %")
    plan = make_plan(processing="3000.00", annual="100.00", options=[yearly, loan])
    costs = {cost.option_id: cost for cost in option_costs(plan, Terms(months=240))}
    # year 1: 12 payments of about 68.25 (3000 x 0.0208 / (1 - 1.0208^-120)), about 819,
    # + 100 storage, against yearly 3100: below;
    # over 10 years at 25 % the loan repays ~8,100 for 3,000, far above yearly's 5,000 by 20.
    assert costs["monthly"].total > costs["yearly"].total
    assert costs["monthly"].break_even_year is None


def test_the_cheapest_option_covers_the_whole_horizon() -> None:
    yearly = {"id": "yearly", "kind": "yearly", "name": "Yearly"}
    plan = make_plan(
        processing="1500.00", annual="175.00", options=[yearly, lifetime("78 years", "3500.00")]
    )
    costs = option_costs(plan, Terms(months=1200))
    # 100 years: yearly 1500 + 100 x 175 = 19,000; lifetime 1500 + 3500 = 5,000 but stops
    # paying for storage at 78: it is not the cheaper way to store for 100 years
    assert cheapest(costs).option_id == "yearly"
    # within its length it is: 78 years yearly = 1500 + 78 x 175 = 15,150 > 5,000
    assert cheapest(option_costs(plan, Terms(months=936))).option_id == "lifetime"


def test_a_horizon_under_a_year_averages_the_whole_year_billed() -> None:
    plan = make_plan(processing="1000.00", annual="120.00")
    result = schedule(plan, plan.default_option, Terms(months=1))
    # one month still bills processing and a whole year: 1,120; per year 1,120 (not 12 x)
    assert result.total == D("1120.00")
    assert result.per_year == D("1120.00")
    assert result.per_month == D("1120.00")  # 1,120 / 1 month
