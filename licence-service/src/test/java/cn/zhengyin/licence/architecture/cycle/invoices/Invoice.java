package cn.zhengyin.licence.architecture.cycle.invoices;

import cn.zhengyin.licence.architecture.cycle.orders.Order;

/** Fixture: uses orders, which uses invoices (a deliberate cycle). */
public record Invoice(String number, Order order) {}
