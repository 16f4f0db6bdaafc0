extension SimulatedPlant {
    /// The two plants of the product story: the Qingdao gold mine (haulage, ventilation, hoisting) and the Jinan
    /// electrical-equipment workshop (machining, assembly, intralogistics).
    ///
    /// The mine's locomotive is a Sparkplug B edge node, as rail haulage controllers often are; every other device
    /// publishes JSON to the unified namespace, as the workshop's gateways do.
    public static let standard = SimulatedPlant(
        sites: [qingdaoMine, jinanWorkshop],
        equipment: qingdaoMineEquipment + jinanWorkshopEquipment,
        devices: qingdaoMineDevices + jinanWorkshopDevices)
}
