#pragma once

#include "common/progress.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::metrics {

// What each customer buys, for the derived fields favourite_category, distinct_products, first_product,
// last_product and first_channel. It does not decide what a purchase is: CustomerMetrics::recompute tells it
// each order it counts as one (addPurchase, in its pass over the orders), then readLines() reads the lines of
// those orders once, in key order, joined to them by a merge rather than a lookup per line.
//
// - favourite category: the category with the most spend (summed line amounts); equal spend goes to the
//   category whose name sorts first (by code point). Lines without a category are left out.
// - distinct products: the number of different non-empty product names on the lines.
// - first / last product: the first line with a product (by line number) of the first / last purchase; the
//   first purchase is the earliest by order date and time, the last the latest; purchases at the same moment
//   go by order id (the lower id is the earlier: imported first).
// - first channel: the channel of the first purchase.
// A customer without a purchase (or whose purchases have no lines) has empty fields and 0 products.
//
// Customers are indexes 0 .. customers-1 given by the caller. One thread; on bad input (a line of an order
// never added) the line is ignored.
class PurchaseProfile
{
public:
    explicit PurchaseProfile(size_t customers);

    // `day` is the order date's Julian day, `orderDate` its text (a time after the date orders purchases of one
    // day), `channel` the order's channel (may be empty).
    void addPurchase(qint64 orderId, size_t customer, qint64 day, std::string_view orderDate, std::string_view channel);
    // Reads the order lines of the purchases added. Throws store::DatabaseError, or Canceled through `progress`.
    void readLines(store::Database &db, Progress *progress);

    QString favouriteCategory(size_t customer) const { return word(favouriteCategoryCode(customer)); }
    qint64 distinctProducts(size_t customer) const { return m_customers[customer].distinctProducts; }
    QString firstProduct(size_t customer) const { return word(m_customers[customer].firstProduct); }
    QString lastProduct(size_t customer) const { return word(m_customers[customer].lastProduct); }
    QString firstChannel(size_t customer) const { return word(m_customers[customer].firstChannel); }
    // The same as UTF-8, valid while this profile lives: what the metrics rows are written from.
    std::string_view favouriteCategoryUtf8(size_t customer) const { return m_words[favouriteCategoryCode(customer)]; }
    std::string_view firstProductUtf8(size_t customer) const { return m_words[m_customers[customer].firstProduct]; }
    std::string_view lastProductUtf8(size_t customer) const { return m_words[m_customers[customer].lastProduct]; }
    std::string_view firstChannelUtf8(size_t customer) const { return m_words[m_customers[customer].firstChannel]; }

private:
    static constexpr std::uint32_t kEnd = std::numeric_limits<std::uint32_t>::max();

    struct Customer
    {
        qint64 firstMoment = std::numeric_limits<qint64>::max();
        qint64 lastMoment = std::numeric_limits<qint64>::min();
        qint64 firstOrder = -1;
        qint64 lastOrder = -1;
        std::uint32_t firstChannel = 0; // dictionary codes; 0 is empty
        std::uint32_t firstProduct = 0;
        std::uint32_t lastProduct = 0;
        std::uint32_t distinctProducts = 0;
        std::uint32_t categories = kEnd; // head of the customer's list in m_spends
        std::uint32_t products = kEnd;   // head of the customer's list in m_seen
    };
    // The customer's categories and products as linked lists in two pools: most customers buy a few of each,
    // so a short walk beats a map per customer (and a million of them).
    struct Spend
    {
        std::uint32_t category;
        std::uint32_t next;
        double amount;
    };
    struct Seen
    {
        std::uint32_t product;
        std::uint32_t next;
    };

    std::uint32_t code(std::string_view text);
    QString word(std::uint32_t code) const;
    std::uint32_t favouriteCategoryCode(size_t customer) const;
    void addLine(size_t customer, qint64 orderId, std::string_view product, std::string_view category, double amount);

    std::vector<Customer> m_customers;
    std::vector<std::pair<qint64, std::uint32_t>> m_purchases; // order id, customer
    std::vector<Spend> m_spends;
    std::vector<Seen> m_seen;
    // Looked up by the string_view of the row being read: no string is made for a name already known.
    struct WordHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::vector<std::string> m_words{std::string()};
    std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> m_codes;
};

} // namespace segmenta::metrics
