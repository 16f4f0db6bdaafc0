import GantryStorage
import Hummingbird

/// A page of a list as the API answers it: the items, and enough to fetch the next page.
struct ListResponse<Item: Encodable & Sendable>: ResponseEncodable {
    let items: [Item]
    /// How many records match in all.
    let total: Int
    let limit: Int
    let offset: Int

    init(_ page: Page<Item>) {
        self.items = page.items
        self.total = page.total
        self.limit = page.limit
        self.offset = page.offset
    }
}
