import NIOCore

extension OPCUAClient {
    /// Sends one service request and decodes its response, counting it in the status board.
    ///
    /// A response that is not the one asked for, or does not decode, is a protocol violation: the connection is
    /// reset (one log line) and every waiting call fails. A ServiceFault or bad service result is `.refused`.
    func send<Request: OPCUARequest>(
        _ request: Request, timeout: Duration? = nil
    ) async throws(ConnectorError) -> Request.Response {
        let timeout = timeout ?? configuration.requestTimeout
        var request = request
        request.header.authenticationToken = authenticationToken.withLock { $0 }
        request.header.timestamp = .now()
        request.header.requestHandle = nextRequestHandle()
        request.header.timeoutHint = UInt32(clamping: timeout.opcuaMilliseconds)
        let body = OPCUAServiceMessage.encode(request)
        let started = ContinuousClock.now
        status?.update { $0.requests += 1 }
        do throws(ConnectorError) {
            let answer = try await exchange(body, timeout: timeout)
            let response = try OPCUAServiceMessage.decode(Request.Response.self, from: answer)
            let elapsed = ContinuousClock.now - started
            status?.update { $0.lastLatencyMilliseconds = Double(elapsed.opcuaMilliseconds) }
            return response
        } catch {
            if error.code != .cancelled { status?.update { $0.errors += 1 } }
            if error.code == .protocolViolation { reset(error) }
            throw error
        }
    }

    /// Hands `body` to the handler and waits for the answer; cancelling the task gives up the call.
    private func exchange(_ body: ByteBuffer, timeout: Duration) async throws(ConnectorError) -> ByteBuffer {
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        let handler = self.handler
        let future = promise.futureResult
        let result: Result<ByteBuffer, any Error> = await withTaskCancellationHandler {
            channel.eventLoop.execute { handler.value.send(body, timeout: timeout, promise: promise) }
            do {
                return .success(try await future.get())
            } catch {
                return .failure(error)
            }
        } onCancel: {
            channel.eventLoop.execute { handler.value.cancel(future) }
        }
        switch result {
        case .success(let answer): return answer
        case .failure(let error as ConnectorError): throw error
        case .failure(let error): throw ConnectorError(.unreachable, "the OPC UA call failed: \(error)")
        }
    }

    /// Resets the connection after a response that breaks the protocol.
    func reset(_ error: ConnectorError) {
        logger.warning(
            "OPC UA connection reset after a bad response",
            metadata: ["opcua.endpoint": "\(endpoint)", "opcua.error": "\(error.message)"])
        channel.pipeline.fireErrorCaught(error)
    }
}
