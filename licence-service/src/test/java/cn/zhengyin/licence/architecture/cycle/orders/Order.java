package cn.zhengyin.licence.architecture.cycle.orders;

import cn.zhengyin.licence.architecture.cycle.invoices.Invoice;

/** Fixture: uses invoices, which uses orders (a deliberate cycle). */
public record Order(String id, Invoice invoice) {}
