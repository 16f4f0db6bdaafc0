import GantryCore
import Testing

@testable import GantrySimulator

/// The plant description the server builds assets, tags and devices from.
@Suite struct SimulatedPlantTests {
    let plant = SimulatedPlant.standard

    @Test func standardEquipmentCarriesItsTypesTagsFirst() throws {
        let typed = plant.assets.filter { $0.equipmentType != nil }
        #expect(typed.count >= 8)
        for asset in typed {
            let type = try #require(EquipmentType.standard.first { $0.name == asset.equipmentType })
            let leading = Array(asset.tags.prefix(type.tags.count))
            #expect(leading.map(\.name) == type.tags.map(\.name), "\(asset.path)")
            #expect(leading.map(\.dataType) == type.tags.map(\.dataType), "\(asset.path)")
            #expect(leading.map(\.unit) == type.tags.map(\.unit), "\(asset.path)")
        }
    }

    @Test func theLocomotiveHasItsExtraTagsAndSpeaksSparkplug() throws {
        let loco = try #require(plant.asset(try AssetPath("qingdao-mine/underground/haulage/loco-01")))
        #expect(loco.equipmentType == "electric-locomotive")
        #expect(loco.tags.map(\.name).contains("ore_load"))
        #expect(loco.tags.map(\.name).contains("camera_online"))
        let device = try #require(plant.device("loco-01-plc"))
        #expect(device.transport == .sparkplug)
        #expect(device.username == "qingdao-mine.loco-01-plc")
        #expect(device.onlineTag == nil)
    }

    @Test func everyDevicePublishesOnlyInsideItsSubtree() {
        for device in plant.devices {
            #expect(!device.assets.isEmpty)
            for asset in device.assets {
                #expect(asset.isWithin(device.assetPath), "\(device.name) publishes \(asset)")
            }
            if device.transport == .sparkplug {
                // Gantry files a node's metrics under the device's own asset, so a node publishes one asset.
                #expect(device.assets == [device.assetPath])
            } else {
                #expect(plant.tag(device.onlineTag!) != nil, "\(device.name) has no online tag")
            }
        }
        #expect(Set(plant.devices.map(\.name)).count == plant.devices.count)
    }

    @Test func everyModelledAssetHasExactlyOneDevice() {
        for asset in plant.assets where asset.model != nil {
            let devices = plant.devices.filter { $0.assets.contains(asset.path) }
            #expect(devices.count == 1, "\(asset.path)")
        }
    }

    @Test func parentsComeBeforeChildren() {
        var seen: Set<AssetPath> = []
        for asset in plant.assets {
            if asset.path.depth > 1 { #expect(seen.contains(asset.path.parent), "\(asset.path)") }
            seen.insert(asset.path)
        }
        #expect(Set(plant.sites.map(\.enterprise)) == ["qingdao-mine", "jinan-workshop"])
        #expect(
            plant.assets.filter { $0.path.depth == 1 }.map(\.path.description).sorted()
                == ["jinan-workshop", "qingdao-mine"])
    }

    @Test func theCatalogueNamesRealTargetsAndEveryEntryCanBeInjected() throws {
        let catalogue = plant.faultCatalogue
        for kind in SimulatedFault.Kind.allCases {
            #expect(catalogue.contains { $0.kind == kind }, "no \(kind) in the catalogue")
        }
        #expect(catalogue.contains(.bearingWear(try AssetPath("qingdao-mine/underground/ventilation/fan-01"))))
        #expect(catalogue.contains(.bearingWear(try AssetPath("jinan-workshop/machining/line-1/cnc-01"))))
        #expect(catalogue.contains(.linkLoss(device: "loco-01-plc")))
        var simulation = PlantSimulation(plant: plant, seed: 1)
        for fault in catalogue {
            switch fault.kind {
            case .sensorDrift, .stuckValue: #expect(plant.tag(try TagPath(fault.target)) != nil)
            case .bearingWear:
                let tags = plant.asset(try AssetPath(fault.target))?.tags.map(\.name) ?? []
                #expect(tags.contains("vibration"))
            case .linkLoss: #expect(plant.device(fault.target) != nil)
            }
            try simulation.inject(fault, at: 0)
        }
        #expect(simulation.activeFaults == catalogue)
    }
}

extension SimulatedPlantTests {
    @Test func extraTagsAreWhatTheTypeDoesNotCreate() throws {
        let cnc = try #require(plant.asset(try AssetPath("jinan-workshop/machining/line-1/cnc-01")))
        #expect(cnc.extraTags.map(\.name) == ["good_count", "scrap_count", "online"])
        let line = try #require(plant.asset(try AssetPath("jinan-workshop/machining/line-1")))
        #expect(line.extraTags.map(\.name) == ["online"] && line.equipmentType == nil && line.model == nil)
    }
}
