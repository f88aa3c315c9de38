import { RequirePermission } from '@meridian/platform';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ChannelKind,
  ChannelServiceControllerMethods,
  type ChannelServiceController,
  type ListChannelsResponse,
} from '@meridian/proto/communication/v1/channel_service';
import { CHANNELS, type ChannelInfo } from './channels.js';

const KIND = { email: ChannelKind.CHANNEL_KIND_EMAIL, sms: ChannelKind.CHANNEL_KIND_SMS } as const;

/** Outbound channels (REST for the web app's settings, gRPC for services). */
@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/v1/channels')
@ChannelServiceControllerMethods()
export class ChannelsController implements ChannelServiceController {
  constructor(@Inject(CHANNELS) private readonly channels: ChannelInfo[]) {}

  @Get()
  @RequirePermission('settings.manage')
  list() {
    return { data: this.channels, nextCursor: null };
  }

  listChannels(): ListChannelsResponse {
    return { channels: this.channels.map((c) => ({ kind: KIND[c.kind], transport: c.transport, localOnly: c.localOnly })) };
  }
}
