package com.freshscale.device.pricing;

/**
 * The promotion that set the unit price of a priced item.
 *
 * @param id          the promotion's id in the price book
 * @param text        the promotion text in the label language ("-25 %")
 * @param savingMinor total at the regular price minus the total charged
 */
public record AppliedPromotion(String id, String text, long savingMinor) {
}
