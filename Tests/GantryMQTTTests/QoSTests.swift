import Testing

@testable import GantryMQTT

@Suite struct QoSTests {
    @Test func deliveryGoesOutAtTheLowerOfPublishAndGrantedQoS() {
        #expect(min(QoS.exactlyOnce, QoS.atLeastOnce) == .atLeastOnce)
        #expect(max(QoS.atMostOnce, QoS.exactlyOnce) == .exactlyOnce)
    }
}
