#pragma once

#include "common/progress.h"

#include <QString>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
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
// each order it counts as one (addPurchase, in its pass over the orders by ascending id), then readLines() reads
// the lines of those orders once, in key order, joined to them by a merge rather than a lookup per line.
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
// Customers are indexes 0 .. customers-1 given by the caller. Threads: the purchases are added on one thread;
// readLines() runs either on that thread once purchasesDone() was called, or on one other thread while the
// purchases are still being added (it waits for the pass over the orders to get past each line's order, so the
// two go side by side). The two sides touch separate state; they meet only in the published batches of
// purchases, under a mutex. The results are read once both are done. On bad input (a line of an order never
// added) the line is ignored.
class PurchaseProfile
{
public:
    explicit PurchaseProfile(size_t customers);

    // `orderId`s ascend from call to call. `day` is the order date's Julian day, `orderDate` its text (a time
    // after the date orders purchases of one day), `channel` the order's channel (may be empty).
    void addPurchase(qint64 orderId, size_t customer, qint64 day, std::string_view orderDate, std::string_view channel);
    // Every order the pass reads, purchase or not, before its addPurchase: every order before it is done. Tells
    // a waiting readLines() how far the pass got, every few thousand orders.
    void reached(qint64 orderId)
    {
        if (++m_unpublished == kBatch)
            publish(orderId - 1);
    }
    // No more purchases (the pass is over).
    void purchasesDone();
    // Makes a readLines() waiting for purchases on another thread throw Canceled (the pass failed).
    void stop();

    // Reads the order lines of the purchases. Throws store::DatabaseError, or Canceled through `progress` or
    // stop(). After a failure, forgetLines() drops what was read so that it can be read again.
    void readLines(store::Database &db, Progress *progress);
    void forgetLines();

    QString favouriteCategory(size_t customer) const { return word(favouriteCategoryUtf8(customer)); }
    qint64 distinctProducts(size_t customer) const { return m_baskets[customer].distinctProducts; }
    QString firstProduct(size_t customer) const { return word(firstProductUtf8(customer)); }
    QString lastProduct(size_t customer) const { return word(lastProductUtf8(customer)); }
    QString firstChannel(size_t customer) const { return word(firstChannelUtf8(customer)); }
    // The same as UTF-8 (empty for none), valid while this profile lives: what the metrics rows are written from.
    std::string_view favouriteCategoryUtf8(size_t customer) const;
    std::string_view firstProductUtf8(size_t customer) const { return productOf(m_buyers[customer].firstPurchase); }
    std::string_view lastProductUtf8(size_t customer) const { return productOf(m_buyers[customer].lastPurchase); }
    std::string_view firstChannelUtf8(size_t customer) const { return m_channels.words[m_buyers[customer].firstChannel]; }

private:
    static constexpr std::uint32_t kEnd = std::numeric_limits<std::uint32_t>::max();
    static constexpr int kBatch = 4096; // orders between two publications of the purchases

    // Names as codes; 0 is empty. Looked up by the string_view of the row being read: no string is made for a
    // name already known.
    struct Dictionary
    {
        struct Hash
        {
            using is_transparent = void;
            size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
        };
        std::vector<std::string> words{std::string()};
        std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> codes;
        std::uint32_t code(std::string_view text);
    };
    // The purchase side of a customer (the pass over the orders).
    struct Buyer
    {
        qint64 firstMoment = std::numeric_limits<qint64>::max();
        qint64 lastMoment = std::numeric_limits<qint64>::min();
        qint64 firstOrder = -1;
        qint64 lastOrder = -1;
        qint64 firstPurchase = -1; // the purchases' numbers in the order they were added
        qint64 lastPurchase = -1;
        std::uint32_t firstChannel = 0;
    };
    // The line side of a customer (readLines).
    struct Basket
    {
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
    struct Purchase
    {
        qint64 orderId;
        std::uint32_t customer;
    };
    class PurchaseCursor;

    static QString word(std::string_view utf8) { return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())); }
    std::string_view productOf(qint64 purchase) const;
    void publish(qint64 scannedThrough);
    void addLine(size_t purchase, size_t customer, std::string_view product, std::string_view category, double amount);

    // The pass over the orders.
    std::vector<Buyer> m_buyers;
    Dictionary m_channels;
    std::vector<Purchase> m_unpublishedPurchases;
    qint64 m_purchases = 0;
    int m_unpublished = 0;

    // Between the two: every purchase, in batches as published (kept to the end, for a second readLines()).
    std::mutex m_feedMutex;
    std::condition_variable m_fed;
    std::deque<std::vector<Purchase>> m_batches;
    qint64 m_scannedThrough = std::numeric_limits<qint64>::min();
    bool m_done = false;
    bool m_stopped = false;

    // The lines.
    std::vector<Basket> m_baskets;
    Dictionary m_lineWords; // products and categories
    std::vector<Spend> m_spends;
    std::vector<Seen> m_seen;
    std::vector<std::uint32_t> m_firstProductOf; // by purchase number; 0 for none
};

} // namespace segmenta::metrics
